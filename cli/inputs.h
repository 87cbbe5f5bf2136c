// Inputs of `newsfacts extract`: files, directories (recursive), "-" for standard input,
// JSON Lines files of articles, and web archives (WARC, ARC, WET: archive/reader.h),
// turned into a stream of Items, one per article.
//
// Archives. Each page record becomes an Item whose id and url are the captured URL and
// whose `archive` names the record; a damaged record becomes an Item with an error
// naming file and offset (the rest of the file is still read where the reader can get
// past the damage); after the last record, a note Item carries the file's summary line
// (archive::SummaryLine).
//
// Shards. With InputOptions::shard, only the articles of that shard are yielded: archive
// records by their URL (before their payload is decoded), JSON Lines objects by their
// `url`, else `id`, and any other file by its path as given.
//
// Reading is lazy: an InputReader yields one Item at a time, so memory stays bounded
// whatever the corpus size. A file that cannot be read, or a bad JSON Lines line, yields
// an Item whose `error` says why (naming the input); the reader then goes on.
//
// Thread safety: an InputReader is used by one thread.
#pragma once

#include <atomic>
#include <chrono>
#include <cstddef>
#include <deque>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <vector>

#include "cli/shard.h"
#include "common/article.h"
#include "common/status.h"

namespace newsfacts::cli {

enum class InputFormat { kAuto, kHtml, kText, kJsonl, kArchive };

// The format named by --input-format ("html", "text", "jsonl"; "warc", "arc" and "wet" are
// all kArchive: the archive reader tells them apart by their bytes), or nullopt.
std::optional<InputFormat> ParseInputFormat(const std::string& name);

struct Item {
  std::string name;  // what errors call it: a path, "path:line", or "-"
  std::string id;
  InputFormat format = InputFormat::kHtml;  // kHtml or kText
  std::string bytes;
  std::optional<std::string> url;
  std::optional<std::string> published;
  std::optional<Status> error;        // set when the input could not be read
  std::string charset_hint;           // charset named by the transport (HTTP Content-Type), or ""
  std::optional<ArchiveRef> archive;  // the archived record the bytes came from
  // A stored article to extract again from its stored text (reextract): bytes, format
  // and charset are then unused.
  std::optional<Article> stored;
  // A line for standard error, in input order, instead of an article (an archive's
  // summary line). Nothing else of the item is used.
  std::optional<std::string> note;
};

// Where the pipeline takes its items from. Used by one thread.
class ItemSource {
 public:
  virtual ~ItemSource() = default;
  // The next item, or nullopt at the end.
  virtual std::optional<Item> Next() = 0;
  // A progress text for a terminal ("12.3 MB/s, ETA 0:42"), or "" when there is none.
  // Called from another thread than Next(): must only read atomics.
  virtual std::string Progress() const { return ""; }
};

struct InputOptions {
  InputFormat format = InputFormat::kAuto;
  std::optional<Shard> shard;            // only the inputs of this shard (cli/shard.h)
  std::optional<std::string> url;        // --url, for a single input
  std::optional<std::string> published;  // --published, for a single input
  size_t max_file_bytes = 256u << 20;    // larger files are not read into memory
  size_t archives_at_once = 2;           // archive files being read at the same time
};

class ArchiveInput;

// Totals over every archive of a run, for progress (cli/archive_input.h adds to them).
struct ArchiveProgress {
  std::atomic<uint64_t> bytes_read{0};  // stored bytes
  std::atomic<uint64_t> records{0};
};

class InputReader : public ItemSource {
 public:
  InputReader(std::vector<std::string> inputs, InputOptions options);
  ~InputReader() override;

  // Checks what can be checked before any work: formats that are not available, and
  // options that need a single input. kUsage on failure.
  Status Validate() const;

  // The next item, or nullopt at the end.
  std::optional<Item> Next() override;

  // Over archives: records/s, MB/s of stored bytes and an ETA by stored bytes read.
  std::string Progress() const override;

 private:
  void Expand(const std::string& input);
  std::optional<Item> NextFromJsonl();
  // The steps of Next() for one input path. OpenJsonl starts reading a JSON Lines file, or
  // returns the item saying why it cannot; FileItem reads a whole file (or standard input)
  // as one article of this format.
  std::optional<Item> OpenJsonl(const std::string& path);
  Item FileItem(const std::string& path, InputFormat format) const;
  // The reader of the archive at path, started ahead of time or now, and readers started
  // for the next few archives known to follow it.
  std::unique_ptr<ArchiveInput> TakeArchive(const std::string& path);
  void ReadAhead();

  std::vector<std::string> inputs_;
  InputOptions options_;
  size_t next_input_ = 0;
  std::deque<std::string> pending_files_;  // files found in a directory, in order
  struct JsonlState;
  std::shared_ptr<JsonlState> jsonl_;
  // Progress over archives, read by Progress() from another thread. Declared before the
  // readers that add to it, so it outlives them.
  // Stored bytes of every archive input, walked for on the first Progress() call.
  uint64_t ArchiveBytesTotal() const;
  mutable std::once_flag archive_bytes_once_;
  mutable uint64_t archive_bytes_total_ = 0;
  ArchiveProgress archive_progress_;
  std::unique_ptr<ArchiveInput> archive_;            // the archive being read
  std::deque<std::unique_ptr<ArchiveInput>> ahead_;  // the next ones, already reading
  std::chrono::steady_clock::time_point started_ = std::chrono::steady_clock::now();
};

// The format of a file judged by its name: .html/.htm/.xhtml -> html, .txt -> text,
// .jsonl/.ndjson -> jsonl, archive names (archive::IsArchiveName) -> archive; anything
// else -> html.
InputFormat FormatFromName(const std::string& path);

}  // namespace newsfacts::cli
