// libcurl, loaded when first used.
//
// newsfacts does not link libcurl: the library and the two dozen it brings (TLS, LDAP,
// Kerberos, SSH, IDN) take longer to load than `check` or a one-page `extract` takes to
// run, and only fetching needs them (common/shared_library.h). The functions below are
// libcurl's, named without the `curl_` prefix (curl::easy_setopt is curl_easy_setopt),
// with its types, options and return codes from <curl/curl.h>. The first call of any of
// them loads libcurl.so.4 and resolves them all.
//
// Errors. When libcurl cannot be loaded, every function fails as libcurl fails when it
// cannot allocate: handles are null, CURLcode is CURLE_FAILED_INIT, CURLMcode
// CURLM_INTERNAL_ERROR, CURLUcode CURLUE_OUT_OF_MEMORY; easy_strerror and url_strerror
// then give the loader's message, and LoadStatus() says why.
//
// Thread safety: loading is thread-safe and happens once; each function is as
// thread-safe as libcurl's.
#pragma once

#include <curl/curl.h>

#include "common/status.h"

namespace newsfacts::fetch::curl {

// libcurl's functions, resolved from the loaded library.
struct Api {
  decltype(&::curl_global_init) global_init;
  decltype(&::curl_free) free;
  decltype(&::curl_easy_init) easy_init;
  decltype(&::curl_easy_cleanup) easy_cleanup;
  decltype(&::curl_easy_reset) easy_reset;
  decltype(&::curl_easy_setopt) easy_setopt;
  decltype(&::curl_easy_perform) easy_perform;
  decltype(&::curl_easy_getinfo) easy_getinfo;
  decltype(&::curl_easy_strerror) easy_strerror;
  decltype(&::curl_slist_append) slist_append;
  decltype(&::curl_slist_free_all) slist_free_all;
  decltype(&::curl_multi_init) multi_init;
  decltype(&::curl_multi_cleanup) multi_cleanup;
  decltype(&::curl_multi_setopt) multi_setopt;
  decltype(&::curl_multi_add_handle) multi_add_handle;
  decltype(&::curl_multi_remove_handle) multi_remove_handle;
  decltype(&::curl_multi_perform) multi_perform;
  decltype(&::curl_multi_info_read) multi_info_read;
  decltype(&::curl_multi_poll) multi_poll;
  decltype(&::curl_multi_wakeup) multi_wakeup;
  decltype(&::curl_url) url;
  decltype(&::curl_url_cleanup) url_cleanup;
  decltype(&::curl_url_set) url_set;
  decltype(&::curl_url_get) url_get;
  decltype(&::curl_url_strerror) url_strerror;
};

// Loads `soname` and resolves every function of Api from it (for tests; the functions
// below use libcurl.so.4).
Result<Api> LoadApi(const char* soname);

// libcurl.so.4's functions, loaded by the first call; null when it cannot be loaded.
const Api* Loaded();
// Ok, or why libcurl could not be loaded. Loads it if not yet done.
const Status& LoadStatus();

inline CURLcode global_init(long flags) {
  const Api* a = Loaded();
  return a ? a->global_init(flags) : CURLE_FAILED_INIT;
}
inline void free(void* p) {
  if (const Api* a = Loaded()) a->free(p);
}
inline CURL* easy_init() {
  const Api* a = Loaded();
  return a ? a->easy_init() : nullptr;
}
inline void easy_cleanup(CURL* c) {
  if (const Api* a = Loaded()) a->easy_cleanup(c);
}
inline void easy_reset(CURL* c) {
  if (const Api* a = Loaded()) a->easy_reset(c);
}
// The value goes to libcurl's variadic function as it is passed here: a long, a
// curl_off_t, a pointer or a function pointer, as the option wants.
template <typename T>
CURLcode easy_setopt(CURL* c, CURLoption option, T value) {
  const Api* a = Loaded();
  return a ? a->easy_setopt(c, option, value) : CURLE_FAILED_INIT;
}
inline CURLcode easy_perform(CURL* c) {
  const Api* a = Loaded();
  return a ? a->easy_perform(c) : CURLE_FAILED_INIT;
}
template <typename T>
CURLcode easy_getinfo(CURL* c, CURLINFO info, T* out) {
  const Api* a = Loaded();
  return a ? a->easy_getinfo(c, info, out) : CURLE_FAILED_INIT;
}
const char* easy_strerror(CURLcode code);
inline curl_slist* slist_append(curl_slist* list, const char* s) {
  const Api* a = Loaded();
  return a ? a->slist_append(list, s) : nullptr;
}
inline void slist_free_all(curl_slist* list) {
  if (const Api* a = Loaded()) a->slist_free_all(list);
}
inline CURLM* multi_init() {
  const Api* a = Loaded();
  return a ? a->multi_init() : nullptr;
}
inline CURLMcode multi_cleanup(CURLM* m) {
  const Api* a = Loaded();
  return a ? a->multi_cleanup(m) : CURLM_INTERNAL_ERROR;
}
template <typename T>
CURLMcode multi_setopt(CURLM* m, CURLMoption option, T value) {
  const Api* a = Loaded();
  return a ? a->multi_setopt(m, option, value) : CURLM_INTERNAL_ERROR;
}
inline CURLMcode multi_add_handle(CURLM* m, CURL* c) {
  const Api* a = Loaded();
  return a ? a->multi_add_handle(m, c) : CURLM_INTERNAL_ERROR;
}
inline CURLMcode multi_remove_handle(CURLM* m, CURL* c) {
  const Api* a = Loaded();
  return a ? a->multi_remove_handle(m, c) : CURLM_INTERNAL_ERROR;
}
inline CURLMcode multi_perform(CURLM* m, int* running) {
  const Api* a = Loaded();
  return a ? a->multi_perform(m, running) : CURLM_INTERNAL_ERROR;
}
inline CURLMsg* multi_info_read(CURLM* m, int* queued) {
  const Api* a = Loaded();
  return a ? a->multi_info_read(m, queued) : nullptr;
}
inline CURLMcode multi_poll(CURLM* m, curl_waitfd* fds, unsigned n, int timeout_ms, int* ret) {
  const Api* a = Loaded();
  return a ? a->multi_poll(m, fds, n, timeout_ms, ret) : CURLM_INTERNAL_ERROR;
}
inline CURLMcode multi_wakeup(CURLM* m) {
  const Api* a = Loaded();
  return a ? a->multi_wakeup(m) : CURLM_INTERNAL_ERROR;
}
inline CURLU* url() {
  const Api* a = Loaded();
  return a ? a->url() : nullptr;
}
inline void url_cleanup(CURLU* u) {
  if (const Api* a = Loaded()) a->url_cleanup(u);
}
inline CURLUcode url_set(CURLU* u, CURLUPart part, const char* content, unsigned flags) {
  const Api* a = Loaded();
  return a ? a->url_set(u, part, content, flags) : CURLUE_OUT_OF_MEMORY;
}
inline CURLUcode url_get(CURLU* u, CURLUPart part, char** out, unsigned flags) {
  const Api* a = Loaded();
  return a ? a->url_get(u, part, out, flags) : CURLUE_OUT_OF_MEMORY;
}
const char* url_strerror(CURLUcode code);

}  // namespace newsfacts::fetch::curl
