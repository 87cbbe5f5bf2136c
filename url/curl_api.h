// libcurl, loaded when first used.
//
// newsfacts does not link libcurl: the library and the two dozen it brings (TLS, LDAP,
// Kerberos, SSH, IDN) take longer to load than `check` takes to run, and only what reads URLs
// (url/url.h) or fetches needs them (common/shared_library.h). The loader lives here, beside
// the URL functions, in the lowest stage that uses libcurl; fetch/ builds on both.
//
// The functions below are libcurl's, named without the `curl_` prefix (curl::easy_setopt is
// curl_easy_setopt), with its types, options and return codes from <curl/curl.h>. The first
// call of any of them loads libcurl.so.4 and resolves them all.
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

namespace newsfacts::curl {

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

// Calls libcurl's function `f` with args, or returns `failed` when libcurl is not loaded.
// The arguments go to the function as they are passed here: for the variadic setopt and
// getinfo, a long, a curl_off_t, a pointer or a function pointer, as the option wants.
template <auto f, typename R, typename... Args>
R Call(R failed, Args... args) {
  const Api* a = Loaded();
  return a ? (a->*f)(args...) : failed;
}

inline CURLcode global_init(long flags) {
  return Call<&Api::global_init>(CURLE_FAILED_INIT, flags);
}
inline void free(void* p) {
  if (const Api* a = Loaded()) a->free(p);
}
inline CURL* easy_init() { return Call<&Api::easy_init>(static_cast<CURL*>(nullptr)); }
inline void easy_cleanup(CURL* c) {
  if (const Api* a = Loaded()) a->easy_cleanup(c);
}
inline void easy_reset(CURL* c) {
  if (const Api* a = Loaded()) a->easy_reset(c);
}
template <typename T>
CURLcode easy_setopt(CURL* c, CURLoption option, T value) {
  return Call<&Api::easy_setopt>(CURLE_FAILED_INIT, c, option, value);
}
inline CURLcode easy_perform(CURL* c) { return Call<&Api::easy_perform>(CURLE_FAILED_INIT, c); }
template <typename T>
CURLcode easy_getinfo(CURL* c, CURLINFO info, T* out) {
  return Call<&Api::easy_getinfo>(CURLE_FAILED_INIT, c, info, out);
}
const char* easy_strerror(CURLcode code);
inline curl_slist* slist_append(curl_slist* list, const char* s) {
  return Call<&Api::slist_append>(static_cast<curl_slist*>(nullptr), list, s);
}
inline void slist_free_all(curl_slist* list) {
  if (const Api* a = Loaded()) a->slist_free_all(list);
}
inline CURLM* multi_init() { return Call<&Api::multi_init>(static_cast<CURLM*>(nullptr)); }
inline CURLMcode multi_cleanup(CURLM* m) {
  return Call<&Api::multi_cleanup>(CURLM_INTERNAL_ERROR, m);
}
template <typename T>
CURLMcode multi_setopt(CURLM* m, CURLMoption option, T value) {
  return Call<&Api::multi_setopt>(CURLM_INTERNAL_ERROR, m, option, value);
}
inline CURLMcode multi_add_handle(CURLM* m, CURL* c) {
  return Call<&Api::multi_add_handle>(CURLM_INTERNAL_ERROR, m, c);
}
inline CURLMcode multi_remove_handle(CURLM* m, CURL* c) {
  return Call<&Api::multi_remove_handle>(CURLM_INTERNAL_ERROR, m, c);
}
inline CURLMcode multi_perform(CURLM* m, int* running) {
  return Call<&Api::multi_perform>(CURLM_INTERNAL_ERROR, m, running);
}
inline CURLMsg* multi_info_read(CURLM* m, int* queued) {
  return Call<&Api::multi_info_read>(static_cast<CURLMsg*>(nullptr), m, queued);
}
inline CURLMcode multi_poll(CURLM* m, curl_waitfd* fds, unsigned n, int timeout_ms, int* ret) {
  return Call<&Api::multi_poll>(CURLM_INTERNAL_ERROR, m, fds, n, timeout_ms, ret);
}
inline CURLMcode multi_wakeup(CURLM* m) {
  return Call<&Api::multi_wakeup>(CURLM_INTERNAL_ERROR, m);
}
inline CURLU* url() { return Call<&Api::url>(static_cast<CURLU*>(nullptr)); }
inline void url_cleanup(CURLU* u) {
  if (const Api* a = Loaded()) a->url_cleanup(u);
}
inline CURLUcode url_set(CURLU* u, CURLUPart part, const char* content, unsigned flags) {
  return Call<&Api::url_set>(CURLUE_OUT_OF_MEMORY, u, part, content, flags);
}
inline CURLUcode url_get(CURLU* u, CURLUPart part, char** out, unsigned flags) {
  return Call<&Api::url_get>(CURLUE_OUT_OF_MEMORY, u, part, out, flags);
}
const char* url_strerror(CURLUcode code);

}  // namespace newsfacts::curl
