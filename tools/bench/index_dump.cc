// index_dump: prints what identifies an index's content, for the crash test
// and benchmarks, without going through gazette's own code: one line per
// article, "<Q term>\t<content hash>", sorted, then the metadata keys.
#include <xapian.h>

#include <iostream>

int main(int argc, char** argv) {
  if (argc != 2) {
    std::cerr << "usage: index_dump DB\n";
    return 2;
  }
  try {
    Xapian::Database db(argv[1]);
    // Q terms come sorted from the term list, so the output is stable.
    for (auto t = db.allterms_begin("Q"); t != db.allterms_end("Q"); ++t) {
      for (auto p = db.postlist_begin(*t); p != db.postlist_end(*t); ++p)
        std::cout << *t << '\t' << db.get_document(*p).get_value(1) << '\n';
    }
    std::cout << "#doccount\t" << db.get_doccount() << '\n';
    for (auto k = db.metadata_keys_begin(); k != db.metadata_keys_end(); ++k)
      if (*k != "gazette.last_indexed")
        std::cout << "#meta " << *k << '\t' << db.get_metadata(*k) << '\n';
  } catch (const Xapian::Error& e) {
    std::cerr << "index_dump: " << e.get_description() << "\n";
    return 1;
  }
  return 0;
}
