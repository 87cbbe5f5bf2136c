#include "url/curl_api.h"

#include <mutex>

#include "common/shared_library.h"

namespace newsfacts::curl {
namespace {

constexpr char kLibcurl[] = "libcurl.so.4";

struct State {
  std::once_flag once;
  Status status;
  Api api{};
};

State& Global() {
  static State state;
  std::call_once(state.once, [] {
    Result<Api> api = LoadApi(kLibcurl);
    if (api.ok()) {
      state.api = *api;
    } else {
      state.status = api.status();
    }
  });
  return state;
}

template <typename F>
Status Resolve(const SharedLibrary& lib, const char* name, F* out) {
  Result<F> f = lib.Function<F>(name);
  if (!f.ok()) return f.status();
  *out = *f;
  return Status::Ok();
}

}  // namespace

Result<Api> LoadApi(const char* soname) {
  Result<SharedLibrary> lib = SharedLibrary::Open(soname);
  if (!lib.ok()) return lib.status();
  Api api{};
  for (Status s : {
           Resolve(*lib, "curl_global_init", &api.global_init),
           Resolve(*lib, "curl_free", &api.free),
           Resolve(*lib, "curl_easy_init", &api.easy_init),
           Resolve(*lib, "curl_easy_cleanup", &api.easy_cleanup),
           Resolve(*lib, "curl_easy_reset", &api.easy_reset),
           Resolve(*lib, "curl_easy_setopt", &api.easy_setopt),
           Resolve(*lib, "curl_easy_perform", &api.easy_perform),
           Resolve(*lib, "curl_easy_getinfo", &api.easy_getinfo),
           Resolve(*lib, "curl_easy_strerror", &api.easy_strerror),
           Resolve(*lib, "curl_slist_append", &api.slist_append),
           Resolve(*lib, "curl_slist_free_all", &api.slist_free_all),
           Resolve(*lib, "curl_multi_init", &api.multi_init),
           Resolve(*lib, "curl_multi_cleanup", &api.multi_cleanup),
           Resolve(*lib, "curl_multi_setopt", &api.multi_setopt),
           Resolve(*lib, "curl_multi_add_handle", &api.multi_add_handle),
           Resolve(*lib, "curl_multi_remove_handle", &api.multi_remove_handle),
           Resolve(*lib, "curl_multi_perform", &api.multi_perform),
           Resolve(*lib, "curl_multi_info_read", &api.multi_info_read),
           Resolve(*lib, "curl_multi_poll", &api.multi_poll),
           Resolve(*lib, "curl_multi_wakeup", &api.multi_wakeup),
           Resolve(*lib, "curl_url", &api.url),
           Resolve(*lib, "curl_url_cleanup", &api.url_cleanup),
           Resolve(*lib, "curl_url_set", &api.url_set),
           Resolve(*lib, "curl_url_get", &api.url_get),
           Resolve(*lib, "curl_url_strerror", &api.url_strerror),
       }) {
    if (!s.ok()) return s;
  }
  return api;
}

const Api* Loaded() {
  State& state = Global();
  return state.status.ok() ? &state.api : nullptr;
}

const Status& LoadStatus() { return Global().status; }

const char* easy_strerror(CURLcode code) {
  const Api* a = Loaded();
  return a ? a->easy_strerror(code) : LoadStatus().message().c_str();
}

const char* url_strerror(CURLUcode code) {
  const Api* a = Loaded();
  return a ? a->url_strerror(code) : LoadStatus().message().c_str();
}

}  // namespace newsfacts::curl
