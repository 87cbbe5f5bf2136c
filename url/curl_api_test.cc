#include "url/curl_api.h"

#include <doctest/doctest.h>

#include <string>

namespace newsfacts::curl {
namespace {

size_t Discard(char*, size_t size, size_t n, void*) { return size * n; }

TEST_CASE("libcurl is loaded on first use, and its variadic functions get their arguments") {
  REQUIRE_MESSAGE(Loaded() != nullptr, LoadStatus().ToString());
  CHECK(LoadStatus().ok());
  CHECK(std::string(easy_strerror(CURLE_OK)) == "No error");
  CHECK(std::string(url_strerror(CURLUE_OK)) == "No error");

  CURL* c = easy_init();
  REQUIRE(c != nullptr);
  // A string, a long, a curl_off_t and a function pointer, each read back or checked.
  const std::string url = "http://127.0.0.1:9/path?q=1";
  CHECK(easy_setopt(c, CURLOPT_URL, url.c_str()) == CURLE_OK);
  CHECK(easy_setopt(c, CURLOPT_TIMEOUT_MS, 1500L) == CURLE_OK);
  CHECK(easy_setopt(c, CURLOPT_MAXFILESIZE_LARGE, static_cast<curl_off_t>(1) << 40) == CURLE_OK);
  CHECK(easy_setopt(c, CURLOPT_WRITEFUNCTION, Discard) == CURLE_OK);
  CHECK(easy_setopt(c, CURLOPT_HTTP_VERSION, 999L) == CURLE_UNSUPPORTED_PROTOCOL);
  char* effective = nullptr;
  REQUIRE(easy_getinfo(c, CURLINFO_EFFECTIVE_URL, &effective) == CURLE_OK);
  REQUIRE(effective != nullptr);
  CHECK(std::string(effective) == url);
  easy_cleanup(c);

  CURLU* u = curl::url();
  REQUIRE(u != nullptr);
  CHECK(url_set(u, CURLUPART_URL, "https://Example.ORG:8443/a/../b", 0) == CURLUE_OK);
  char* host = nullptr;
  REQUIRE(url_get(u, CURLUPART_HOST, &host, 0) == CURLUE_OK);
  CHECK(std::string(host) == "Example.ORG");
  curl::free(host);
  char* path = nullptr;
  REQUIRE(url_get(u, CURLUPART_PATH, &path, 0) == CURLUE_OK);
  CHECK(std::string(path) == "/b");
  curl::free(path);
  url_cleanup(u);
}

TEST_CASE("a libcurl that cannot be loaded is an error naming it") {
  auto api = LoadApi("libcurl-newsfacts-missing.so.4");
  REQUIRE_FALSE(api.ok());
  CHECK(api.status().code() == StatusCode::kNotFound);
  CHECK(api.status().message().find("libcurl-newsfacts-missing.so.4") != std::string::npos);
}

}  // namespace
}  // namespace newsfacts::curl
