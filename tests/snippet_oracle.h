// Xapian's own MSet::snippet as the reference PassagePicker must equal: an
// in-memory index of some texts searched for a query, and Xapian's HTML
// turned into the plain text PassagePicker writes. Shared by
// unit/passage_test.cc and fuzz/passage_fuzzer.cc.
#ifndef GAZETTE_TESTS_SNIPPET_ORACLE_H_
#define GAZETTE_TESTS_SNIPPET_ORACLE_H_

#include <xapian.h>

#include <string>
#include <vector>

namespace gazette::testing {

// `texts` indexed as gazette indexes words, searched for `query_text` as
// gazette parses words, so that the terms carry real weights.
struct SnippetSearch {
  SnippetSearch(const std::vector<std::string>& texts, const std::string& query_text) {
    Xapian::TermGenerator generator;
    generator.set_stemmer(stemmer);
    generator.set_stemming_strategy(Xapian::TermGenerator::STEM_SOME);
    for (const std::string& text : texts) {
      Xapian::Document doc;
      generator.set_document(doc);
      generator.index_text(text);
      db.add_document(doc);
    }
    Xapian::QueryParser parser;
    parser.set_database(db);
    parser.set_stemmer(stemmer);
    parser.set_stemming_strategy(Xapian::QueryParser::STEM_SOME);
    parser.set_default_op(Xapian::Query::OP_AND);
    query = parser.parse_query(query_text, Xapian::QueryParser::FLAG_DEFAULT |
                                               Xapian::QueryParser::FLAG_WILDCARD);
    Xapian::Enquire enquire(db);
    enquire.set_query(query);
    mset = enquire.get_mset(0, 10);
  }

  // What Xapian's snippet of `text` reads as plain text: its &, < and >
  // unescaped, as PassagePicker writes it.
  std::string XapianPlain(const std::string& text, std::size_t length) const {
    const std::string html =
        mset.snippet(text, length, stemmer, 0, "\x02", "\x03", "\xE2\x80\xA6");
    std::string out;
    for (std::size_t i = 0; i < html.size(); ++i) {
      if (html.compare(i, 5, "&amp;") == 0) {
        out += '&';
        i += 4;
      } else if (html.compare(i, 4, "&lt;") == 0 || html.compare(i, 4, "&gt;") == 0) {
        out += html[i + 1] == 'l' ? '<' : '>';
        i += 3;
      } else {
        out += html[i];
      }
    }
    return out;
  }

  Xapian::WritableDatabase db{std::string(), Xapian::DB_BACKEND_INMEMORY};
  Xapian::Stem stemmer{"english"};
  Xapian::Query query;
  Xapian::MSet mset;
};

}  // namespace gazette::testing

#endif  // GAZETTE_TESTS_SNIPPET_ORACLE_H_
