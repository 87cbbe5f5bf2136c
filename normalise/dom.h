// The parsed page as a flat table, the form every later pass walks.
//
// ParsedPage owns a gumbo parse. gumbo 0.10.1 frees its tree recursively
// (gumbo_destroy_output), which a deep page would turn into a stack overflow, so the
// parse runs on a tracking allocator and everything is released at once instead.
// Nodes are listed in document order (pre-order); node i's subtree is the index range
// [i, nodes[i].end), so aggregates over subtrees are one reverse loop, never a
// recursion.
//
// Internal to normalise/ (it is the one place gumbo types appear). Not copyable: it
// owns the parse.
#pragma once

#include <gumbo.h>

#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace newsfacts::normalise_internal {

struct Node {
  const GumboNode* node = nullptr;
  int parent = -1;                   // index, -1 for the root
  int end = 0;                       // one past the last index of this node's subtree
  GumboTag tag = GUMBO_TAG_UNKNOWN;  // GUMBO_TAG_UNKNOWN for text nodes
  bool is_text = false;              // text, whitespace or CDATA
  std::string_view text;             // for text nodes (UTF-8, entities decoded)
};

class ParsedPage {
 public:
  // Parses well-formed UTF-8 HTML. Never fails: gumbo accepts any input.
  explicit ParsedPage(std::string_view utf8_html);
  ~ParsedPage();
  ParsedPage(const ParsedPage&) = delete;
  ParsedPage& operator=(const ParsedPage&) = delete;

  const std::vector<Node>& nodes() const { return nodes_; }
  size_t parse_errors() const { return parse_errors_; }

 private:
  struct Arena;
  std::unique_ptr<Arena> arena_;
  GumboOutput* output_ = nullptr;
  std::vector<Node> nodes_;
  size_t parse_errors_ = 0;
};

// The value of attribute `name` on an element node, or "" when absent.
std::string_view Attr(const Node& n, const char* name);
bool HasAttr(const Node& n, const char* name);

// The tag name in lower case, also for unknown tags (custom elements).
std::string TagName(const Node& n);

// Text of the subtree of nodes[i], concatenated in order, unfolded. Skips script and
// style content.
std::string SubtreeText(const std::vector<Node>& nodes, int i);

}  // namespace newsfacts::normalise_internal
