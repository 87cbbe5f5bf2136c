// One archive file read on a thread of its own into a bounded queue of Items, so that the
// next files are already being decompressed while the workers extract this one
// (InputReader keeps a few of these open ahead).
//
// Items, in the file's order: one per page record (id and url the captured URL, `archive`
// the record's place), one with an error per damaged stretch (naming file and offset), and
// last a note with the file's summary line (archive::SummaryLine). Records of other shards
// are skipped before their payload is decoded.
//
// Thread safety: Next() from one consumer thread. The destructor stops the reading thread (it may
// be mid-file) and joins it.
#pragma once

#include <atomic>
#include <memory>
#include <optional>
#include <string>
#include <thread>

#include "archive/reader.h"
#include "cli/inputs.h"
#include "cli/queue.h"

namespace newsfacts::cli {

// Makes item's bytes, format and charset those of an archived page (taking its body).
void SetPage(archive::Page page, Item* item);

class ArchiveInput {
 public:
  // Starts reading path, adding to *progress (which must outlive this object) as it goes.
  // A file that cannot be opened yields one error Item.
  ArchiveInput(std::string path, std::optional<Shard> shard, ArchiveProgress* progress,
               size_t queue_items = 16);
  ~ArchiveInput();
  ArchiveInput(const ArchiveInput&) = delete;
  ArchiveInput& operator=(const ArchiveInput&) = delete;

  const std::string& path() const { return path_; }
  // The next item of the file, or nullopt after its summary note.
  std::optional<Item> Next() { return queue_.Pop(); }

 private:
  void Read(std::optional<Shard> shard);

  std::string path_;
  ArchiveProgress* progress_;
  BoundedQueue<Item> queue_;
  std::thread thread_;
};

}  // namespace newsfacts::cli
