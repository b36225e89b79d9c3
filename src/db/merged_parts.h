// How many parts a database was merged from (schema::kMetaMergedParts): each
// term's postings come in up to that many chunks, which the facet counter
// weighs and a merge with more parts adds to.
#ifndef GAZETTE_SRC_DB_MERGED_PARTS_H_
#define GAZETTE_SRC_DB_MERGED_PARTS_H_

#include <xapian.h>

namespace gazette::internal {

// 1 for a database built in place (no count stored) or an unreadable count.
Xapian::doccount MergedParts(const Xapian::Database& db);

}  // namespace gazette::internal

#endif  // GAZETTE_SRC_DB_MERGED_PARTS_H_
