// ParseDate() and ExtractMentionedDates(): tables of accepted inputs with
// their UTC values, tables of refused inputs, one loop each.
#include "gazette/dates.h"

#include <doctest/doctest.h>

#include <string>
#include <vector>

namespace gazette {
namespace {

// 2026-11-23T00:00:00Z: "now" for the future check, fixed so tests never age.
constexpr std::int64_t kNow = 1795392000;

struct Accepted {
  const char* input;
  const char* utc;  // Timestamp::Iso8601()
};

TEST_CASE("dates: accepts every documented form, normalised to UTC") {
  const Accepted cases[] = {
      // ISO 8601
      {"2019-06-05", "2019-06-05"},
      {"2020-02-29", "2020-02-29"},
      {"2019-06-05T10:00:00Z", "2019-06-05T10:00:00Z"},
      {"2019-06-05T10:00:00+03:00", "2019-06-05T07:00:00Z"},
      {"2019-06-05T03:00:00+06:00", "2019-06-04T21:00:00Z"},
      {"2019-06-05T23:30:00-02:00", "2019-06-06T01:30:00Z"},
      {"2019-06-05T10:00:00.123456-05:00", "2019-06-05T15:00:00Z"},
      {"2019-06-05T10:00:00+0530", "2019-06-05T04:30:00Z"},
      {"2019-06-05T10:00Z", "2019-06-05T10:00:00Z"},
      {"2019-06-05 10:00:00", "2019-06-05T10:00:00Z"},
      {"  2019-06-05  ", "2019-06-05"},
      {"June\xc2\xa0"
       "5, 2019",
       "2019-06-05"},
      // Written out
      {"June 5, 2019", "2019-06-05"},
      {"june 5 2019", "2019-06-05"},
      {"Jun. 5, 2019", "2019-06-05"},
      {"June 5th, 2019", "2019-06-05"},
      {"Sept 30, 2019", "2019-09-30"},
      {"5 June 2019", "2019-06-05"},
      {"05 Jun 2019", "2019-06-05"},
      {"5th of June 2019", "2019-06-05"},
      {"Wednesday, June 5, 2019", "2019-06-05"},
      {"June 5, 2019 3:30 PM", "2019-06-05T15:30:00Z"},
      {"June 5, 2019 at 12:15 a.m.", "2019-06-05T00:15:00Z"},
      // Year first with slashes or dots
      {"2019/06/05", "2019-06-05"},
      {"2019.06.05", "2019-06-05"},
      // RFC 2822
      {"Wed, 05 Jun 2019 10:00:00 +0300", "2019-06-05T07:00:00Z"},
      {"Wed, 05 Jun 2019 10:00:00 GMT", "2019-06-05T10:00:00Z"},
      {"Wed, 5 Jun 2019 10:00:00 EDT", "2019-06-05T14:00:00Z"},
      {"Thu, 06 Jun 2019 01:00:00 +0300 (MSK)", "2019-06-05T22:00:00Z"},
      {"Wed, 05 Jun 2019 10:00 -0000", "2019-06-05T10:00:00Z"},
      // Wire style
      {"26-FEB-1987 17:00:56.04", "1987-02-26T17:00:56Z"},
      {"3-MAR-1987 09:01:02.11", "1987-03-03T09:01:02Z"},
      // All-numeric, but only one reading is a date
      {"25/06/2019", "2019-06-25"},
      {"06/25/2019", "2019-06-25"},
      {"05/05/2019", "2019-05-05"},
      {"25.06.2019", "2019-06-25"},
  };
  for (const Accepted& c : cases) {
    CAPTURE(c.input);
    std::string why;
    const std::optional<Timestamp> t = ParseDate(c.input, DateOrder::kRefuse, kNow, &why);
    CAPTURE(why);
    REQUIRE(t.has_value());
    CHECK(t->Iso8601() == c.utc);
  }
}

TEST_CASE("dates: refuses unparseable, ambiguous and impossible dates with a reason") {
  const char* cases[] = {
      "",
      "   ",
      "yesterday",
      "on Wednesday",
      "05/06/2019",  // 5 June or May 6: not guessed
      "05-06-2019",
      "2019-02-30",  // no such day
      "2019-02-29",  // not a leap year
      "June 31, 2019",
      "0000-01-01",  // year 0
      "2019-13-01",  // month 13
      "2019-00-10",
      "31/31/2019",
      "June 2019",  // no day: day precision is required
      "2019",
      "2019-06",
      "5 June 19",  // two-digit year
      "05/06/19",
      "2028-01-01",  // more than a year after kNow
      "2019-06-05T25:00",
      "2019-06-05T10:61",
      "2019-06-05T10:00:00+25:00",
      "Wed, 05 Jun 2019 10:00:00 IST",  // IST is India, Ireland or Israel
      "2019-06-05 and then some",
      "2019-06-05T10",
      "June 5, 2019 13:00 PM",
      "１９-06-05",
  };
  for (const char* input : cases) {
    CAPTURE(input);
    std::string why;
    CHECK_FALSE(ParseDate(input, DateOrder::kRefuse, kNow, &why).has_value());
    CHECK_FALSE(why.empty());
  }
}

TEST_CASE("dates: refuses 05/06/2019 unless a date order is given") {
  std::string why;
  CHECK_FALSE(ParseDate("05/06/2019", DateOrder::kRefuse, kNow, &why));
  CHECK(why.find("ambiguous") != std::string::npos);
  CHECK(ParseDate("05/06/2019", DateOrder::kDayFirst, kNow)->IsoDate() == "2019-06-05");
  CHECK(ParseDate("05/06/2019", DateOrder::kMonthFirst, kNow)->IsoDate() == "2019-05-06");
  // An explicit order is applied as given: 25 is not a month.
  CHECK_FALSE(ParseDate("25/06/2019", DateOrder::kMonthFirst, kNow));
}

TEST_CASE("dates: keeps the zone the input gave and whether it had a time") {
  const Timestamp with_zone = *ParseDate("2019-06-05T03:00:00+06:00", DateOrder::kRefuse, kNow);
  CHECK(with_zone.has_time);
  CHECK(with_zone.utc_offset_minutes == 360);
  CHECK(with_zone.DayNumber() == 20190604);
  const Timestamp no_zone = *ParseDate("2019-06-05 10:00", DateOrder::kRefuse, kNow);
  CHECK(no_zone.has_time);
  CHECK_FALSE(no_zone.utc_offset_minutes.has_value());
  const Timestamp day = *ParseDate("June 5, 2019", DateOrder::kRefuse, kNow);
  CHECK_FALSE(day.has_time);
  CHECK(day == MakeDay(2019, 6, 5));
}

TEST_CASE("dates: the future limit is a year after now, and 0 disables it") {
  CHECK(ParseDate("2027-06-01", DateOrder::kRefuse, kNow).has_value());
  CHECK_FALSE(ParseDate("2028-06-01", DateOrder::kRefuse, kNow).has_value());
  CHECK(ParseDate("2028-06-01", DateOrder::kRefuse, 0).has_value());
}

struct Mentioned {
  const char* text;
  std::vector<std::string> expected;
};

TEST_CASE("mentioned dates: years and days the text talks about, not amounts") {
  const Mentioned cases[] = {
      {"The treaty was signed in 2001.", {"2001"}},
      {"On June 21, 2013, the two leaders met.", {"2013-06-21"}},
      {"They met on 21 June 2013 and again on 5th June 2019.", {"2013-06-21", "2019-06-05"}},
      {"The summit (2019-06-05) ended.", {"2019-06-05"}},
      {"plans for the 2026-27 period", {"2026", "2027"}},
      {"the 2019\xe2\x80\x93"
       "2021 programme",
       {"2019", "2021"}},
      {"the 2019/20 season", {"2019", "2020"}},
      {"back to the pre-pandemic 2019 level", {"2019"}},
      {"the 2019 elections", {"2019"}},
      {"In May 2019 and in 2019 again", {"2019"}},
      {"trade rose by 31 percent to $ 123 billion", {}},
      {"1,000 troops and 2,019 votes", {}},
      {"about 2000 people", {}},
      {"a \xe2\x82\xac"
       "2019 fine",
       {}},
      {"up 2020% on the year", {}},
      {"it landed at 1930 GMT", {}},
      {"in the 1990s", {}},
      {"values 1950.5 and 2,000,000", {}},
      {"in 1850, and in 2150", {}},
      {"Resolution 2049 passed", {}},
      {"June 31, 2019 is no day", {"2019"}},
      {"since 2013, since 2013", {"2013"}},
      {"", {}},
  };
  for (const Mentioned& c : cases) {
    CAPTURE(c.text);
    CHECK(ExtractMentionedDates(c.text) == c.expected);
  }
}

}  // namespace
}  // namespace gazette
