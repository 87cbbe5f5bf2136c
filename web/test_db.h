// A small database for the web tests: three articles extracted with the shipped rules and
// stored with the real Store, one of them hostile (markup and script in its title, text
// and URL). For web/*_test.cc only.
#pragma once

#include <doctest/doctest.h>

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "common/article.h"
#include "extract/extract.h"
#include "store/store.h"
#include "tests/black_box.h"

namespace newsfacts::web::testing {

inline constexpr char kSeedId[] =
    "https://borderledger.example/world/2024/05/23/record-fentanyl-seizure";
inline constexpr char kLaterId[] = "https://wire.example/2024/06/10/fentanyl-total";
inline constexpr char kHostileId[] = "hostile-1";

inline constexpr char kSeedText[] =
    "Mexico’s National Defense Minister Luis Cresencio Sandoval said forces confiscated "
    "8,222.5 kilograms (8.2 tonnes) of fentanyl from December 1, 2018, to May 13, 2024.\n\n"
    "“We have the technology, from trained dogs to modern scanners,” Sandoval said.";
inline constexpr char kLaterText[] =
    "Mexico has seized 7,000 kilograms of fentanyl since December 2018, Defense Minister Luis "
    "Cresencio Sandoval said on Monday.";
inline constexpr char kHostileText[] =
    "The council stored 40 tonnes of grain <script>window.__pwned = 1</script> in May.\n\n"
    "\"><img src=x onerror=\"window.__pwned = 2\"> and 'single' & <b>bold</b> stay text.";
inline constexpr char kHostileTitle[] = "<script>window.__pwned = 3</script>Grain \"><b>store";

class TestDb {
 public:
  TestDb() {
    auto book = RuleBook::Load((std::filesystem::path(NEWSFACTS_SOURCE_DIR) / "rules").string());
    REQUIRE_MESSAGE(book.ok(), book.status().ToString());
    book_ = std::make_unique<RuleBook>(std::move(book).value());
    std::vector<Article> batch = {
        Make(kSeedId, "Mexico reports record fentanyl seizures", "borderledger.example",
             "2024-05-23T09:41:00Z", kSeedText, kSeedId),
        Make(kLaterId, "Fentanyl seizures pass 7 tonnes", "wire.example", "2024-06-10T12:00:00Z",
             kLaterText, kLaterId),
        Make(kHostileId, kHostileTitle, "evil.example", "2024-05-01T00:00:00Z", kHostileText,
             "javascript:window.__pwned=4"),
    };
    auto store = store::Store::Open(path().string());
    REQUIRE_MESSAGE(store.ok(), store.status().ToString());
    Status s = store->WriteArticles(batch, 0);
    REQUIRE_MESSAGE(s.ok(), s.ToString());
  }

  std::filesystem::path path() const { return tmp_ / "web.db"; }
  const RuleBook& rules() const { return *book_; }
  const std::filesystem::path& dir() const { return tmp_.path(); }

 private:
  Article Make(const std::string& id, const std::string& title, const std::string& site,
               const std::string& published, const std::string& text, const std::string& url) {
    Article a;
    a.id = id;
    a.url = url;
    a.title = title;
    a.site = site;
    a.published = published;
    a.text = text;
    a.reference_date = published.substr(0, 10);
    Context context;
    context.reference_date = a.reference_date;
    ExtractAll(*book_, context, &a);
    ConvertSpansToCodePoints(&a);
    return a;
  }

  newsfacts::testing::TempDir tmp_;
  std::unique_ptr<RuleBook> book_;
};

}  // namespace newsfacts::web::testing
