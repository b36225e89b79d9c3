// HTML pages: metadata from <meta>, <title>, <time> and <h1>; the body from
// the main article text (<article>, <main>, else the densest block), without
// navigation, headers, footers, asides, scripts, styles or forms. Parsed by
// gumbo, a full HTML5 parser, so broken markup is read as browsers read it.
// Every walk over the tree is iterative: a page nesting 100,000 elements must
// not overflow the stack.
#include <gumbo.h>

#include <algorithm>
#include <iterator>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "ingest/furniture.h"
#include "ingest/readers.h"
#include "ingest/text_util.h"

namespace gazette::internal {
namespace {

// Where a publication date came from; a lower rank wins.
enum DateRank {
  kDatePublishedTime = 0,  // <meta property="article:published_time">
  kDateItemprop = 1,       // itemprop="datePublished"
  kDateTimeElement = 2,    // the first <time datetime>
  kDateMetaName = 3,       // <meta name="date|pubdate|...">
  kNoDate = 4,
};

struct PageMeta {
  std::string og_title, title_element, h1;
  std::string site_name, canonical_url, og_url, language;
  std::string date;
  DateRank date_rank = kNoDate;
  std::vector<const GumboNode*> articles, mains;
};

const char* Attribute(const GumboNode* node, const char* name) {
  const GumboAttribute* attr = gumbo_get_attribute(&node->v.element.attributes, name);
  return attr ? attr->value : nullptr;
}

std::string AttributeLower(const GumboNode* node, const char* name) {
  const char* value = Attribute(node, name);
  return value ? ToLowerAscii(value) : std::string();
}

bool IsElement(const GumboNode* node) { return node->type == GUMBO_NODE_ELEMENT; }

// Elements whose subtrees are never article text.
constexpr GumboTag kExcludedTags[] = {
    GUMBO_TAG_NAV,   GUMBO_TAG_HEADER, GUMBO_TAG_FOOTER,   GUMBO_TAG_ASIDE,    GUMBO_TAG_SCRIPT,
    GUMBO_TAG_STYLE, GUMBO_TAG_FORM,   GUMBO_TAG_NOSCRIPT, GUMBO_TAG_TEMPLATE, GUMBO_TAG_IFRAME,
    GUMBO_TAG_SVG,   GUMBO_TAG_BUTTON, GUMBO_TAG_SELECT,   GUMBO_TAG_TEXTAREA, GUMBO_TAG_OBJECT,
    GUMBO_TAG_HEAD,  GUMBO_TAG_MENU};

// Elements that end a paragraph of text.
constexpr GumboTag kBlockTags[] = {
    GUMBO_TAG_P,    GUMBO_TAG_DIV,    GUMBO_TAG_BR,         GUMBO_TAG_LI,      GUMBO_TAG_UL,
    GUMBO_TAG_OL,   GUMBO_TAG_H1,     GUMBO_TAG_H2,         GUMBO_TAG_H3,      GUMBO_TAG_H4,
    GUMBO_TAG_H5,   GUMBO_TAG_H6,     GUMBO_TAG_BLOCKQUOTE, GUMBO_TAG_SECTION, GUMBO_TAG_ARTICLE,
    GUMBO_TAG_MAIN, GUMBO_TAG_PRE,    GUMBO_TAG_TABLE,      GUMBO_TAG_TR,      GUMBO_TAG_TD,
    GUMBO_TAG_TH,   GUMBO_TAG_FIGURE, GUMBO_TAG_FIGCAPTION, GUMBO_TAG_DL,      GUMBO_TAG_DT,
    GUMBO_TAG_DD,   GUMBO_TAG_HR,     GUMBO_TAG_ADDRESS,    GUMBO_TAG_BODY};

template <std::size_t N>
bool TagIn(GumboTag tag, const GumboTag (&tags)[N]) {
  return std::find(std::begin(tags), std::end(tags), tag) != std::end(tags);
}

bool IsExcluded(const GumboNode* node) {
  if (TagIn(node->v.element.tag, kExcludedTags) || Attribute(node, "hidden")) return true;
  if (AttributeLower(node, "aria-hidden") == "true") return true;
  const std::string role = AttributeLower(node, "role");
  return role == "navigation" || role == "banner" || role == "contentinfo" ||
         role == "complementary" || role == "search" || role == "menu";
}

bool IsBlock(GumboTag tag) { return TagIn(tag, kBlockTags); }

// Calls visit(node) for every node under `root` in document order; visit
// returns false to skip a node's children.
template <typename Visit>
void Walk(const GumboNode* root, Visit visit) {
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (!visit(node) || !IsElement(node)) continue;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
}

// All the text under `node`, spaces collapsed (for <title>, <h1>, <time>).
std::string TextOf(const GumboNode* node) {
  std::string text;
  Walk(node, [&](const GumboNode* n) {
    if (n->type == GUMBO_NODE_TEXT || n->type == GUMBO_NODE_WHITESPACE) {
      text += n->v.text.text;
      text += ' ';
    }
    return !IsElement(n) ||
           (n->v.element.tag != GUMBO_TAG_SCRIPT && n->v.element.tag != GUMBO_TAG_STYLE);
  });
  return CollapseSpaces(text);
}

void OfferDate(PageMeta& meta, const char* value, DateRank rank) {
  if (value && rank < meta.date_rank && !Trim(value).empty()) {
    meta.date = value;
    meta.date_rank = rank;
  }
}

void ReadMetaElement(const GumboNode* node, PageMeta& meta) {
  const char* content = Attribute(node, "content");
  if (!content) return;
  const std::string property = AttributeLower(node, "property");
  const std::string name = AttributeLower(node, "name");
  const std::string& key = property.empty() ? name : property;
  if (key == "og:title" && meta.og_title.empty())
    meta.og_title = CollapseSpaces(content);
  else if (key == "og:site_name" && meta.site_name.empty())
    meta.site_name = CollapseSpaces(content);
  else if (key == "og:url" && meta.og_url.empty())
    meta.og_url = Trim(content);
  else if (key == "article:published_time")
    OfferDate(meta, content, kDatePublishedTime);
  else if (key == "date" || key == "pubdate" || key == "publishdate" || key == "publish-date" ||
           key == "dc.date.issued" || key == "dcterms.issued" || key == "dc.date")
    OfferDate(meta, content, kDateMetaName);
  if (AttributeLower(node, "itemprop") == "datepublished") OfferDate(meta, content, kDateItemprop);
}

// One pass collecting metadata and the candidate containers of the text.
PageMeta ReadMeta(const GumboNode* root) {
  PageMeta meta;
  Walk(root, [&](const GumboNode* node) {
    if (!IsElement(node)) return false;
    const GumboTag tag = node->v.element.tag;
    switch (tag) {
      case GUMBO_TAG_HTML:
        if (const char* lang = Attribute(node, "lang")) meta.language = lang;
        break;
      case GUMBO_TAG_META:
        ReadMetaElement(node, meta);
        break;
      case GUMBO_TAG_LINK:
        if (AttributeLower(node, "rel") == "canonical" && meta.canonical_url.empty())
          if (const char* href = Attribute(node, "href")) meta.canonical_url = Trim(href);
        break;
      case GUMBO_TAG_TITLE:
        if (meta.title_element.empty()) meta.title_element = TextOf(node);
        return false;
      case GUMBO_TAG_H1:
        if (meta.h1.empty()) meta.h1 = TextOf(node);
        break;
      case GUMBO_TAG_TIME:
        OfferDate(meta, Attribute(node, "datetime"), kDateTimeElement);
        break;
      case GUMBO_TAG_ARTICLE:
        meta.articles.push_back(node);
        break;
      case GUMBO_TAG_MAIN:
        meta.mains.push_back(node);
        break;
      default:
        break;
    }
    if (AttributeLower(node, "itemprop") == "datepublished" && tag != GUMBO_TAG_META) {
      const char* when = Attribute(node, "datetime");
      if (!when) when = Attribute(node, "content");
      if (when) {
        OfferDate(meta, when, kDateItemprop);
      } else if (meta.date_rank > kDateItemprop) {
        const std::string text = TextOf(node);
        OfferDate(meta, text.c_str(), kDateItemprop);
      }
    }
    if (AttributeLower(node, "role") == "main") meta.mains.push_back(node);
    return true;
  });
  return meta;
}

// The readable paragraphs under `root`, in order, spaces collapsed.
std::vector<std::string> Paragraphs(const GumboNode* root) {
  std::vector<std::string> paragraphs;
  std::string current;
  auto flush = [&] {
    // Entities like &nbsp; decode to Unicode spaces after the input was
    // normalised, so normalise again.
    std::string paragraph = CollapseSpaces(NormaliseText(current));
    if (!paragraph.empty()) paragraphs.push_back(std::move(paragraph));
    current.clear();
  };
  // nullptr entries mark the end of a block element.
  std::vector<const GumboNode*> stack{root};
  while (!stack.empty()) {
    const GumboNode* node = stack.back();
    stack.pop_back();
    if (!node) {
      flush();
      continue;
    }
    if (node->type == GUMBO_NODE_TEXT || node->type == GUMBO_NODE_WHITESPACE ||
        node->type == GUMBO_NODE_CDATA) {
      current += node->v.text.text;
      continue;
    }
    if (!IsElement(node) || IsExcluded(node)) continue;
    if (IsBlock(node->v.element.tag)) {
      flush();
      stack.push_back(nullptr);
    }
    const GumboVector& children = node->v.element.children;
    for (unsigned i = children.length; i-- > 0;)
      stack.push_back(static_cast<const GumboNode*>(children.data[i]));
  }
  flush();
  return paragraphs;
}

std::size_t TotalSize(const std::vector<std::string>& paragraphs) {
  std::size_t total = 0;
  for (const std::string& p : paragraphs) total += p.size();
  return total;
}

// Without <article> or <main>, the element holding the most paragraph text in
// its own <p> children (and bare text) is taken as the article: navigation
// and teasers are many short blocks, an article a few long ones.
const GumboNode* DensestBlock(const GumboNode* body) {
  std::vector<std::pair<const GumboNode*, std::size_t>> scores;
  Walk(body, [&](const GumboNode* node) {
    if (!IsElement(node) || IsExcluded(node)) return false;
    std::size_t score = 0;
    const GumboTag tag = node->v.element.tag;
    // Bare text is a paragraph only in containers, not in headings or links.
    const bool container = tag == GUMBO_TAG_DIV || tag == GUMBO_TAG_SECTION ||
                           tag == GUMBO_TAG_TD || tag == GUMBO_TAG_BODY;
    const GumboVector& children = node->v.element.children;
    for (unsigned i = 0; i < children.length; ++i) {
      const auto* child = static_cast<const GumboNode*>(children.data[i]);
      if (child->type == GUMBO_NODE_TEXT && container)
        score += Trim(child->v.text.text).size();
      else if (IsElement(child) && child->v.element.tag == GUMBO_TAG_P)
        score += TextOf(child).size();
    }
    if (score > 0) scores.emplace_back(node, score);
    // A paragraph's own subtree is scored through its parent.
    return node->v.element.tag != GUMBO_TAG_P;
  });
  if (scores.empty()) return body;
  return std::max_element(scores.begin(), scores.end(),
                          [](const auto& a, const auto& b) { return a.second < b.second; })
      ->first;
}

const GumboNode* FindBody(const GumboNode* root) {
  const GumboNode* body = root;
  Walk(root, [&](const GumboNode* node) {
    if (!IsElement(node) || body != root) return false;
    if (node->v.element.tag == GUMBO_TAG_BODY) body = node;
    return node->v.element.tag == GUMBO_TAG_HTML || node == root;
  });
  return body;
}

// The article's paragraphs: the longest <article>, else <main>, else the
// densest block.
std::vector<std::string> ArticleParagraphs(const GumboNode* root, const PageMeta& meta) {
  std::vector<std::string> best;
  for (const auto* candidates : {&meta.articles, &meta.mains}) {
    for (const GumboNode* node : *candidates) {
      std::vector<std::string> paragraphs = Paragraphs(node);
      if (TotalSize(paragraphs) > TotalSize(best)) best = std::move(paragraphs);
    }
    if (!best.empty()) return best;
  }
  return Paragraphs(DensestBlock(FindBody(root)));
}

// "Title | Site" -> "Title" when the site is known; otherwise the short side
// of "Title - Outlet" names the outlet.
std::string CleanTitle(const std::string& title, std::string& source, bool allow_split) {
  if (title.empty()) return title;
  auto split = SplitOutletTitle(title, /*allow_dashes=*/true);
  if (!split) return title;
  if (!source.empty()) return SameText(split->source, source) ? split->title : title;
  if (!allow_split) return title;
  source = split->source;
  return split->title;
}

}  // namespace

ReadResult ReadHtml(std::string_view content, const InputContext& input) {
  ReadResult result;
  GumboOptions options = kGumboDefaultOptions;
  options.max_errors = 16;  // parse errors are not reported; don't hoard them
  std::unique_ptr<GumboOutput, void (*)(GumboOutput*)> output(
      gumbo_parse_with_options(&options, content.data(), content.size()),
      [](GumboOutput* o) { gumbo_destroy_output(&kGumboDefaultOptions, o); });
  const GumboNode* root = output->root;
  PageMeta meta = ReadMeta(root);

  Article article;
  article.source = meta.site_name;
  article.url = !meta.canonical_url.empty() ? meta.canonical_url : meta.og_url;
  article.language = meta.language;
  if (!meta.og_title.empty()) article.title = CleanTitle(meta.og_title, article.source, false);
  if (article.title.empty()) article.title = CleanTitle(meta.title_element, article.source, true);
  if (article.title.empty()) article.title = meta.h1;

  std::vector<std::string> paragraphs = ArticleParagraphs(root, meta);
  // Blank lines between paragraphs, so that ComposeBody keeps them apart.
  std::vector<std::string_view> lines;
  for (const std::string& p : paragraphs) {
    if (!lines.empty()) lines.emplace_back();
    lines.emplace_back(p);
  }
  article.body = ComposeBody(lines, MarkFurniture(lines), article.title, article.source);
  if (article.title.empty() && article.body.empty()) {
    result.problems.push_back(
        Problem{std::string(input.path), 0, "no article text in this page", true});
    return result;
  }
  FinishArticle(article, meta.date, 0, input, result.problems);
  result.articles.push_back(std::move(article));
  return result;
}

}  // namespace gazette::internal
