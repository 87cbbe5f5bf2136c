// Inputs of `newsfacts extract`: files, directories (recursive), "-" for standard input,
// and JSON Lines files of articles, turned into a stream of Items, one per article.
//
// Reading is lazy: an InputReader yields one Item at a time, so memory stays bounded
// whatever the corpus size. A file that cannot be read, or a bad JSON Lines line, yields
// an Item whose `error` says why (naming the input); the reader then goes on.
//
// Thread safety: an InputReader is used by one thread.
#pragma once

#include <cstddef>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "common/article.h"
#include "common/status.h"

namespace newsfacts::cli {

enum class InputFormat { kAuto, kHtml, kText, kJsonl };

// The format named by --input-format ("html", "text", "jsonl"), or nullopt.
std::optional<InputFormat> ParseInputFormat(const std::string& name);

struct Item {
  std::string name;  // what errors call it: a path, "path:line", or "-"
  std::string id;
  InputFormat format = InputFormat::kHtml;  // kHtml or kText
  std::string bytes;
  std::optional<std::string> url;
  std::optional<std::string> published;
  std::optional<Status> error;  // set when the input could not be read
  std::string charset_hint;     // charset named by the transport (HTTP Content-Type), or ""
  std::optional<ArchiveRef> archive;  // the archived record the bytes came from
};

struct InputOptions {
  InputFormat format = InputFormat::kAuto;
  std::optional<std::string> url;        // --url, for a single input
  std::optional<std::string> published;  // --published, for a single input
  size_t max_file_bytes = 256u << 20;    // larger files are not read into memory
};

class InputReader {
 public:
  InputReader(std::vector<std::string> inputs, InputOptions options);

  // Checks what can be checked before any work: formats that are not available, and
  // options that need a single input. kUsage on failure.
  Status Validate() const;

  // The next item, or nullopt at the end.
  std::optional<Item> Next();

 private:
  void Expand(const std::string& input);
  std::optional<Item> NextFromJsonl();

  std::vector<std::string> inputs_;
  InputOptions options_;
  size_t next_input_ = 0;
  std::deque<std::string> pending_files_;  // files found in a directory, in order
  struct JsonlState;
  std::shared_ptr<JsonlState> jsonl_;
};

// The format of a file judged by its name: .html/.htm/.xhtml -> html, .txt -> text,
// .jsonl/.ndjson -> jsonl; anything else -> html.
InputFormat FormatFromName(const std::string& path);

}  // namespace newsfacts::cli
