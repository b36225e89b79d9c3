// An article as gazette understands it: what was read from the input plus what
// extraction found in it. Plain value types only: no Xapian here, so ingest and
// extraction can be tested without a database.
#ifndef GAZETTE_ARTICLE_H_
#define GAZETTE_ARTICLE_H_

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gazette {

// The four entity kinds. Stored on disk (via their names): never rename.
enum class EntityKind { kLeader, kPerson, kOrganization, kPlace };

inline constexpr EntityKind kAllEntityKinds[] = {
    EntityKind::kLeader, EntityKind::kPerson, EntityKind::kOrganization,
    EntityKind::kPlace};

// "leader", "person", "org", "place": the names used in the gazetteer files,
// the query language (`org:`) and the JSON output.
std::string_view KindName(EntityKind kind);
// Accepts the names above plus "organization" and "people"/"leaders"/...
// plurals. Returns nullopt for anything else.
std::optional<EntityKind> ParseKind(std::string_view name);

// One entity found in an article.
struct Mention {
  std::string id;    // canonical gazetteer id, e.g. "vladimir_putin"
  std::string name;  // display name, e.g. "Vladimir Putin"
  int count = 0;     // number of mentions in title + body
  std::size_t first_offset = 0;  // byte offset of the first mention in
                                 // title + "\n" + body
  std::string alias;  // the surface form of the first mention ("President Xi")

  bool operator==(const Mention&) const = default;
};

// A point in time normalised to UTC. `year/month/day` are the UTC calendar
// date; the offset the source gave is kept for display.
struct Timestamp {
  int year = 0;
  int month = 0;
  int day = 0;
  std::int64_t unix_seconds = 0;  // seconds since 1970-01-01T00:00:00Z
  bool has_time = false;          // false: the input gave only a day
  std::optional<int> utc_offset_minutes;  // the zone the input gave, if any

  // "2019-06-14".
  std::string IsoDate() const;
  // "2019-06-14" or, with a time, "2019-06-14T06:30:00Z".
  std::string Iso8601() const;
  // 20190614: the sortable day number stored in the date value slot.
  int DayNumber() const { return year * 10000 + month * 100 + day; }

  bool operator==(const Timestamp&) const = default;
};

// Builds a timestamp for a UTC calendar day at midnight. REQUIRES: a valid date.
Timestamp MakeDay(int year, int month, int day);
// Reads the two forms Timestamp::Iso8601() writes, with the offset to keep
// for display. Nullopt for anything else.
std::optional<Timestamp> ParseIso8601(const std::string& text,
                                      std::optional<int> utc_offset_minutes);

struct Article {
  // Read from the input.
  std::string id;  // unique key: the input's id, else its URL, else its path
  std::string title;
  std::string body;
  std::optional<Timestamp> published;
  std::string source;    // outlet display name, e.g. "China Daily"
  std::string url;
  std::string language;  // ISO 639-1, e.g. "en"; empty when unknown
  std::string origin;    // the file it came from, "-" for stdin; for --prune

  // Found by extraction.
  std::vector<Mention> leaders;
  std::vector<Mention> people;
  std::vector<Mention> organizations;
  std::vector<Mention> places;
  // Dates and years the text mentions, "2013" or "2013-06-21", sorted, unique.
  std::vector<std::string> mentioned_dates;

  bool operator==(const Article&) const = default;

  std::vector<Mention>& mentions(EntityKind kind);
  const std::vector<Mention>& mentions(EntityKind kind) const;
};

}  // namespace gazette

#endif  // GAZETTE_ARTICLE_H_
