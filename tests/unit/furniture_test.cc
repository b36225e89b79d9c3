// Furniture rules, table-driven like Omega's htmlparsertest.cc: each line with
// whether it is furniture. The lines are written for these tests in the shapes
// real pages use (see ../shared/seeds), not copied from any one site.
#include "ingest/furniture.h"

#include <doctest/doctest.h>

#include <string>
#include <string_view>
#include <vector>

namespace gazette::internal {
namespace {

struct LineCase {
  const char* line;
  bool furniture;
};

TEST_CASE("furniture: single lines that are, and are not, page furniture") {
  const LineCase cases[] = {
      // Share and follow bars
      {"Share on Facebook", true},
      {"Follow us", true},
      {"Follow us on Twitter", true},
      {"\xe2\x80\xa2 youtube", true},
      {"Facebook | Twitter | WhatsApp | Email", true},
      {"Share this article", true},
      {"Share on Telegram   Share on Facebook   Share by email", true},
      {"Copy link", true},
      {"Tweet", true},
      // Promotions and links to other articles
      {"READ MORE\xe2\x80\xa6", true},
      {"READ MORE ARTICLES ON", true},
      {"Read more: Leaders gather for a summit in Kazan", true},
      {"Also Read: Ahead of the visit, the minister praises a partner", true},
      {"ALSO READ | Talks resume in Geneva", true},
      {"See also: Trade talks stall", true},
      {"Advertisement", true},
      {"ADVERTISEMENT", true},
      {"Story continues below advertisement", true},
      {"Popular Right Now", true},
      {"Most Read", true},
      {"Related Articles", true},
      // Taxonomy and legal lines
      {"Categories Opinion", true},
      {"Tags: summit, trade", true},
      {"Filed under: World", true},
      {"\xc2\xa9 2021 Example Media. All rights reserved.", true},
      {"Copyright 2021 Example Media", true},
      // Breadcrumb trails
      {"Home > World > Asia", true},
      {"Home \xc2\xbb Business", true},
      {"Home / Opinion / Editorials", true},
      {"1. Home 2. World 3. Asia", true},
      {"1. Home", true},
      {"World / Europe / Russia", true},
      {"Energy / Trade", false},
      // Prose that must stay
      {"", false},
      {"The leaders met in Ufa on Friday.", false},
      {"Read more about the agreement in the full text, published on Monday.", false},
      {"Categories of workers affected by the tariffs include farmers.", false},
      {"Home prices rose in 2019.", false},
      {"Follow-up talks are planned for next year.", false},
      {"The share of trade settled in yuan rose sharply.", false},
      {"1. The first point of the agreement covers energy.", false},
      {"Facebook and Twitter were blocked in the country after the vote, officials said.", false},
      {"Popular protests continued.", false},
      {"\xe2\x80\xa2 Moscow and Beijing could be about to upgrade their relationship.", false},
      {"Advertisement revenue fell by a third.", false},
  };
  for (const LineCase& c : cases) {
    CAPTURE(c.line);
    CHECK(IsFurnitureLine(c.line) == c.furniture);
  }
}

TEST_CASE("furniture: a numbered breadcrumb list is dropped, its last item too") {
  const std::vector<std::string_view> lines = {
      "scorecard",
      "1. Home",
      "2. Markets",
      "3. Economy",
      "4. Leaders agree to deepen ties after a long meeting in Moscow",
      "",
      "Leaders agree to deepen ties after a long meeting in Moscow",
      "",
      "Body text."};
  const std::vector<bool> expected = {true, true, true, true, true, false, false, false, false};
  CHECK(MarkFurniture(lines) == expected);
}

TEST_CASE("furniture: short labels above a share bar at the top are masthead") {
  const std::vector<std::string_view> lines = {"World News",
                                               "",
                                               "\xe2\x80\xa2 youtube",
                                               "\xe2\x80\xa2 facebook",
                                               "",
                                               "Minister seeks help to counter pressure",
                                               "",
                                               "Body text."};
  const std::vector<bool> expected = {true, false, true, true, false, false, false, false};
  CHECK(MarkFurniture(lines) == expected);
}

TEST_CASE("furniture: the list under a teaser heading goes with it") {
  const std::vector<std::string_view> lines = {
      "Body text.",     "", "Popular Right Now",  "- Another headline",
      "2. Yet another", "", "A later paragraph.", "- A list in the story"};
  const std::vector<bool> expected = {false, false, true, true, true, false, false, false};
  CHECK(MarkFurniture(lines) == expected);
}

TEST_CASE("furniture: a numbered list that is not a breadcrumb stays") {
  const std::vector<std::string_view> lines = {"The plan has three parts:", "1. Energy", "2. Trade",
                                               "3. Security"};
  CHECK(MarkFurniture(lines) == std::vector<bool>(4, false));
}

TEST_CASE("furniture: image captions are recognised by their credit") {
  const LineCase cases[] = {
      {"The two leaders met by video link on Wednesday (Image courtesy: Office of the "
       "President)",
       true},
      {"Delegates arrive at the summit (AP Photo/Jane Doe)", true},
      {"Photo: the harbour at dawn", true},
      {"The Shanghai Cooperation Organization (SCO) met in June.", false},
      {"Talks ended (officials said)", false},
  };
  for (const LineCase& c : cases) {
    CAPTURE(c.line);
    CHECK(IsImageCaption(c.line) == c.furniture);
  }
}

TEST_CASE("furniture: bylines and signatures naming the outlet") {
  CHECK(IsByline("By Jane Doe", ""));
  CHECK(IsByline("By Jane Doe and John Roe, Gazette Wire", ""));
  CHECK(IsByline("Reporting by Jane Doe; Editing by John Roe", ""));
  CHECK(IsByline("Editorial, China Daily", "China Daily"));
  CHECK(IsByline("China Daily", "China Daily"));
  CHECK_FALSE(IsByline("Editorial, China Daily", ""));
  CHECK_FALSE(IsByline("By contrast, exports fell by a third last year.", ""));
  CHECK_FALSE(IsByline("by then the talks had ended", ""));
}

TEST_CASE("furniture: the short side of 'Outlet | Title' is the outlet") {
  auto split = SplitOutletTitle("China Daily | China and Russia strengthen their resolve", false);
  REQUIRE(split);
  CHECK(split->source == "China Daily");
  CHECK(split->title == "China and Russia strengthen their resolve");
  split = SplitOutletTitle("Leaders meet in Bishkek for the summit - Gazette Wire", true);
  REQUIRE(split);
  CHECK(split->source == "Gazette Wire");
  CHECK(split->title == "Leaders meet in Bishkek for the summit");
  // Dashes split only HTML titles; plain-text titles use them in prose.
  CHECK_FALSE(SplitOutletTitle("Xi - Putin talks end with a deal on gas", false));
  CHECK_FALSE(SplitOutletTitle("Energy | Trade", false));
  CHECK_FALSE(SplitOutletTitle("No separator in this title at all", true));
}

}  // namespace
}  // namespace gazette::internal
