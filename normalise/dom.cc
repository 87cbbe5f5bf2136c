#include "normalise/dom.h"

#include <cstddef>
#include <cstdlib>
#include <cstring>

namespace newsfacts::normalise_internal {
namespace {

// gumbo records at most this many errors; each one copies the open-element stack.
constexpr int kMaxRecordedErrors = 1000;

// Fills in n's tag or text from g and points `children` at g's children (left null for a
// text node); false for a node that is not listed (comments).
bool Describe(const GumboNode& g, Node* n, const GumboVector** children) {
  switch (g.type) {
    case GUMBO_NODE_DOCUMENT:
      *children = &g.v.document.children;
      return true;
    case GUMBO_NODE_ELEMENT:
    case GUMBO_NODE_TEMPLATE:
      n->tag = g.v.element.tag;
      *children = &g.v.element.children;
      return true;
    case GUMBO_NODE_TEXT:
    case GUMBO_NODE_WHITESPACE:
    case GUMBO_NODE_CDATA:
      n->is_text = true;
      n->text = g.v.text.text;
      return true;
    default:
      return false;
  }
}

}  // namespace

// Every block gumbo allocates is linked into one list, so the whole parse can be
// released without walking the tree. A block's header sits just before the pointer
// gumbo sees; max_align_t keeps that pointer suitably aligned.
struct ParsedPage::Arena {
  struct alignas(std::max_align_t) Header {
    Header* prev;
    Header* next;
  };
  Header head{&head, &head};

  static void* Allocate(void* userdata, size_t size) {
    auto* arena = static_cast<Arena*>(userdata);
    auto* h = static_cast<Header*>(std::malloc(sizeof(Header) + size));
    if (h == nullptr) std::abort();  // gumbo cannot handle allocation failure either
    h->next = arena->head.next;
    h->prev = &arena->head;
    arena->head.next->prev = h;
    arena->head.next = h;
    return h + 1;
  }
  static void Deallocate(void* /*userdata*/, void* ptr) {
    if (ptr == nullptr) return;
    Header* h = static_cast<Header*>(ptr) - 1;
    h->prev->next = h->next;
    h->next->prev = h->prev;
    std::free(h);
  }
  ~Arena() {
    Header* h = head.next;
    while (h != &head) {
      Header* next = h->next;
      std::free(h);
      h = next;
    }
  }
};

ParsedPage::ParsedPage(std::string_view html) : arena_(std::make_unique<Arena>()) {
  GumboOptions options = kGumboDefaultOptions;
  options.allocator = &Arena::Allocate;
  options.deallocator = &Arena::Deallocate;
  options.userdata = arena_.get();
  options.max_errors = kMaxRecordedErrors;
  output_ = gumbo_parse_with_options(&options, html.data(), html.size());
  parse_errors_ = output_->errors.length;

  // Pre-order flattening with an explicit stack of (node, parent index).
  struct Pending {
    const GumboNode* node;
    int parent;
  };
  std::vector<Pending> stack;
  stack.push_back({output_->document, -1});
  std::vector<int> open;  // indices whose subtree is still being listed
  while (!stack.empty()) {
    Pending p = stack.back();
    stack.pop_back();
    // Close subtrees that ended before this node.
    while (!open.empty() && open.back() != p.parent) {
      nodes_[static_cast<size_t>(open.back())].end = static_cast<int>(nodes_.size());
      open.pop_back();
    }
    Node n;
    n.node = p.node;
    n.parent = p.parent;
    const GumboVector* children = nullptr;
    if (!Describe(*p.node, &n, &children)) continue;
    int index = static_cast<int>(nodes_.size());
    nodes_.push_back(n);
    if (children != nullptr && children->length > 0) {
      open.push_back(index);
      for (unsigned k = children->length; k-- > 0;) {
        stack.push_back({static_cast<const GumboNode*>(children->data[k]), index});
      }
    } else {
      nodes_.back().end = index + 1;
    }
  }
  while (!open.empty()) {
    nodes_[static_cast<size_t>(open.back())].end = static_cast<int>(nodes_.size());
    open.pop_back();
  }
}

ParsedPage::~ParsedPage() = default;  // the arena frees every gumbo allocation

namespace {
bool IsElement(const Node& n) {
  return !n.is_text && n.node != nullptr &&
         (n.node->type == GUMBO_NODE_ELEMENT || n.node->type == GUMBO_NODE_TEMPLATE);
}
}  // namespace

std::string_view Attr(const Node& n, const char* name) {
  if (!IsElement(n)) return {};
  const GumboAttribute* a = gumbo_get_attribute(&n.node->v.element.attributes, name);
  if (a == nullptr || a->value == nullptr) return {};
  return a->value;
}

bool HasAttr(const Node& n, const char* name) {
  return IsElement(n) && gumbo_get_attribute(&n.node->v.element.attributes, name) != nullptr;
}

std::string TagName(const Node& n) {
  if (!IsElement(n)) return {};
  std::string name;
  if (n.tag != GUMBO_TAG_UNKNOWN) {
    name = gumbo_normalized_tagname(n.tag);
  } else {
    GumboStringPiece piece = n.node->v.element.original_tag;
    gumbo_tag_from_original_text(&piece);
    name.assign(piece.data, piece.length);
  }
  for (char& c : name) {
    if (c >= 'A' && c <= 'Z') c = static_cast<char>(c - 'A' + 'a');
  }
  return name;
}

std::string SubtreeText(const std::vector<Node>& nodes, int i) {
  std::string out;
  const int end = nodes[static_cast<size_t>(i)].end;
  for (int k = i; k < end; ++k) {
    const Node& n = nodes[static_cast<size_t>(k)];
    if (n.tag == GUMBO_TAG_SCRIPT || n.tag == GUMBO_TAG_STYLE) {
      k = n.end - 1;
      continue;
    }
    if (n.is_text) out.append(n.text);
  }
  return out;
}

}  // namespace newsfacts::normalise_internal
