#include "cli/archive_input.h"

#include <algorithm>

#include "archive/reader.h"

namespace newsfacts::cli {

void SetPage(archive::Page page, Item* item) {
  item->format = page.is_text ? InputFormat::kText : InputFormat::kHtml;
  item->bytes = std::move(page.body);
  item->charset_hint = std::move(page.charset);
}

ArchiveInput::ArchiveInput(std::string path, std::optional<Shard> shard, ArchiveProgress* progress,
                           size_t queue_items)
    : path_(std::move(path)), progress_(progress), queue_(queue_items) {
  thread_ = std::thread([this, shard] { Read(shard); });
}

ArchiveInput::~ArchiveInput() {
  queue_.Close();  // a Push() blocked on a full queue returns false: the thread ends
  thread_.join();
}

void ArchiveInput::Read(std::optional<Shard> shard) {
  archive::ReaderOptions options;
  if (shard) options.wanted = [shard](const std::string& url) { return shard->Contains(url); };
  auto opened = archive::ArchiveReader::Open(path_, options);
  if (!opened.ok()) {
    Item item;
    item.name = path_;
    item.error = opened.status();
    queue_.Push(std::move(item));
    queue_.Close();
    return;
  }
  archive::ArchiveReader& reader = **opened;
  uint64_t counted = 0;  // of this file's bytes, added to the progress so far
  auto count_bytes = [&](uint64_t now) {
    if (now > counted) progress_->bytes_read.fetch_add(now - counted, std::memory_order_relaxed);
    counted = std::max(counted, now);
  };
  while (std::optional<archive::Entry> entry = reader.Next()) {
    count_bytes(reader.bytes_read());
    progress_->records.fetch_add(1, std::memory_order_relaxed);
    Item item;
    item.name = path_;
    const archive::Capture& c = entry->capture;
    if (entry->kind == archive::EntryKind::kDamaged) {
      item.error = entry->error;
    } else if (entry->kind == archive::EntryKind::kArticle) {
      const std::string url = entry->page.url;
      item.name += "@" + std::to_string(c.offset) + " (" + url + ")";
      item.id = url;
      item.url = url;
      SetPage(std::move(entry->page), &item);
      item.archive = ArchiveRef{c.file,
                                static_cast<int64_t>(c.offset),
                                static_cast<int64_t>(c.length),
                                c.record_id,
                                c.date,
                                c.digest};
    } else {
      continue;
    }
    if (!queue_.Push(std::move(item))) return;  // closed: the reader is going away
  }
  count_bytes(reader.file_size());
  Item note;
  note.name = path_;
  note.note = archive::SummaryLine(path_, reader.counts());
  queue_.Push(std::move(note));
  queue_.Close();
}

}  // namespace newsfacts::cli
