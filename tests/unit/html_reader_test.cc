// The HTML reader: metadata, the main text without page chrome, decoded
// entities, and pages broken or nested deep enough to hurt a naive parser.
#include <doctest/doctest.h>

#include <chrono>
#include <string>

#include "gazette/ingest.h"

namespace gazette {
namespace {

constexpr std::int64_t kNow = 1795392000;  // 2026-11-23T00:00:00Z

ReadResult ReadHtml(std::string_view content, std::string_view path = "p/page.html") {
  ReadOptions options;
  options.now_unix = kNow;
  return ReadArticles(content, path, "page.html", options);
}

Article ReadOneHtml(std::string_view content) {
  ReadResult r = ReadHtml(content);
  REQUIRE(r.articles.size() == 1);
  return r.articles.front();
}

TEST_CASE("html: metadata and the article text, without page chrome") {
  const Article a = ReadOneHtml(R"(<!DOCTYPE html>
<html lang="en-US"><head>
<title>Leaders meet in Ufa | Gazette Wire</title>
<meta property="og:title" content="Leaders meet in Ufa">
<meta property="og:site_name" content="Gazette Wire">
<meta property="article:published_time" content="2015-07-10T09:00:00+03:00">
<link rel="canonical" href="https://example.org/ufa">
<style>p { color: red }</style><script>var x = "<p>not text</p>";</script>
</head><body>
<header><a href="/">Home</a> <nav>World | Asia</nav></header>
<article>
  <h1>Leaders meet in Ufa</h1>
  <p>The summit opened on Friday &amp; closed on&nbsp;Saturday.</p>
  <p>Leaders   agreed
     to meet again.</p>
  <aside>Related: something else</aside>
  <form><input value="search"></form>
  <p>Advertisement</p>
</article>
<footer>&copy; Gazette Wire</footer>
</body></html>)");
  CHECK(a.title == "Leaders meet in Ufa");
  CHECK(a.source == "Gazette Wire");
  CHECK(a.url == "https://example.org/ufa");
  CHECK(a.id == "https://example.org/ufa");
  CHECK(a.language == "en");
  REQUIRE(a.published);
  CHECK(a.published->Iso8601() == "2015-07-10T06:00:00Z");
  CHECK(a.body ==
        "The summit opened on Friday & closed on Saturday.\n\nLeaders agreed to meet again.");
}

TEST_CASE("html: title from <title> without the site, else <h1>; date from <time>") {
  Article a = ReadOneHtml(
      "<html><head><title>Talks resume in Geneva - Gazette Wire</title></head><body>"
      "<main><time datetime=\"2021-06-16\">June 16</time><p>Text.</p></main></body></html>");
  CHECK(a.title == "Talks resume in Geneva");
  CHECK(a.source == "Gazette Wire");
  CHECK(a.published->IsoDate() == "2021-06-16");
  CHECK(a.body == "June 16\n\nText.");
  a = ReadOneHtml("<html><body><h1>Only a heading</h1><p>Text.</p></body></html>");
  CHECK(a.title == "Only a heading");
  CHECK(a.body == "Text.");
  CHECK(a.id == "page.html");
}

TEST_CASE("html: itemprop=datePublished and date meta names") {
  Article a = ReadOneHtml(
      "<html><head><meta name=\"date\" content=\"2001-01-01\"></head><body>"
      "<span itemprop=\"datePublished\" content=\"2019-06-05\">5 "
      "June</span><p>T.</p></body></html>");
  CHECK(a.published->IsoDate() == "2019-06-05");
  a = ReadOneHtml(
      "<html><head><meta name=\"pubdate\" "
      "content=\"2019-06-07\"></head><body><p>T.</p></body></html>");
  CHECK(a.published->IsoDate() == "2019-06-07");
}

TEST_CASE("html: without <article> or <main>, the densest block is the text") {
  const Article a = ReadOneHtml(R"(<html><body>
<div class="menu"><p>Home</p><p>World</p><p>Sport</p></div>
<div class="story">
  <p>The first long paragraph of the story, with a good deal of text in it.</p>
  <p>The second long paragraph of the story, with yet more text in it.</p>
</div>
<div class="teasers"><p>Other story</p></div>
</body></html>)");
  CHECK(a.body ==
        "The first long paragraph of the story, with a good deal of text in it.\n\n"
        "The second long paragraph of the story, with yet more text in it.");
}

TEST_CASE("html: unclosed tags are read as a browser would") {
  const Article a = ReadOneHtml(
      "<html><head><title>Unclosed page</title><body><article><p>One <b>bold <i>and"
      "<p>Two<div>Three");
  CHECK(a.title == "Unclosed page");
  CHECK(a.body == "One bold and\n\nTwo\n\nThree");
}

TEST_CASE("html: 10,000 nested elements neither crash nor hang") {
  for (const char* tag : {"div", "span", "b", "table"}) {
    CAPTURE(tag);
    std::string page = "<html><head><title>Deep</title></head><body><article>";
    for (int i = 0; i < 10000; ++i) page += std::string("<") + tag + ">";
    page += "<p>deep text</p>";
    const auto start = std::chrono::steady_clock::now();
    const ReadResult r = ReadHtml(page);
    const double seconds =
        std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    CHECK(seconds < 20.0);  // about 0.2 s; generous for a loaded CI machine
    REQUIRE(r.articles.size() == 1);
    CHECK(r.articles[0].title == "Deep");
  }
}

TEST_CASE("html: a page without a title takes its first paragraph's first line") {
  const Article a = ReadOneHtml("<html><body><div><p>Leaders met in Ufa.</p><p>More.</p></div>");
  CHECK(a.title == "Leaders met in Ufa.");
}

TEST_CASE("html: a page with no title and no text is rejected") {
  const ReadResult r = ReadHtml("<html><body><nav>Home</nav><script>x()</script></body></html>");
  CHECK(r.articles.empty());
  REQUIRE(r.problems.size() == 1);
  CHECK(r.problems[0].rejected);
}

TEST_CASE("html: detected by extension or by its doctype") {
  CHECK(DetectFormat("x.htm", "") == Format::kHtml);
  CHECK(DetectFormat("-", "  <!DOCTYPE html><html>") == Format::kHtml);
}

}  // namespace
}  // namespace gazette
