// State shared by the field processors of one BuildQuery() call: the first
// error (reported after parsing, since throwing through Xapian's parser is not
// safe) and, for --explain, what each generated term or range stands for.
#ifndef GAZETTE_QUERY_PARSE_CONTEXT_H_
#define GAZETTE_QUERY_PARSE_CONTEXT_H_

#include <xapian.h>

#include <cstdint>
#include <map>
#include <string>

#include "gazette/database.h"
#include "gazette/gazetteer.h"

namespace gazette::internal {

struct ParseContext {
  const Gazetteer* gazetteer = nullptr;
  Xapian::Database* db = nullptr;  // for entities the gazetteer does not know
  std::int64_t now_unix = 0;
  std::string error;  // the first error, "what: where"
  // Term or range description -> what it stands for ("leader Vladimir Putin").
  std::map<std::string, std::string> labels;

  // Keeps the first error and returns a query matching nothing, so that
  // parsing finishes and BuildQuery() throws with the message.
  Xapian::Query Fail(std::string message) {
    if (error.empty()) error = std::move(message);
    return Xapian::Query::MatchNothing;
  }
};

}  // namespace gazette::internal

#endif  // GAZETTE_QUERY_PARSE_CONTEXT_H_
