#include "fetch/address.h"

#include <arpa/inet.h>
#include <netdb.h>
#include <sys/socket.h>

#include <algorithm>
#include <cstdint>
#include <cstring>

namespace newsfacts::fetch {

bool IsPrivateAddress(const std::string& address) {
  in_addr v4{};
  if (inet_pton(AF_INET, address.c_str(), &v4) == 1) {
    const uint32_t a = ntohl(v4.s_addr);
    auto in = [a](uint32_t net, int bits) {
      const uint32_t mask = bits == 0 ? 0 : ~uint32_t{0} << (32 - bits);
      return (a & mask) == net;
    };
    return in(0x00000000, 8) ||   // 0/8 "this network"
           in(0x7f000000, 8) ||   // loopback
           in(0x0a000000, 8) ||   // RFC 1918
           in(0xac100000, 12) ||  // RFC 1918
           in(0xc0a80000, 16) ||  // RFC 1918
           in(0xa9fe0000, 16) ||  // link-local
           in(0x64400000, 10) ||  // CGNAT
           in(0xe0000000, 4) ||   // multicast
           a == 0xffffffff;
  }
  in6_addr v6{};
  if (inet_pton(AF_INET6, address.c_str(), &v6) == 1) {
    const unsigned char* b = v6.s6_addr;
    static const unsigned char kZero[16] = {};
    unsigned char loop[16] = {};
    loop[15] = 1;
    if (std::memcmp(b, kZero, 16) == 0 || std::memcmp(b, loop, 16) == 0) return true;
    if ((b[0] & 0xfe) == 0xfc) return true;                  // unique local fc00::/7
    if (b[0] == 0xfe && (b[1] & 0xc0) == 0x80) return true;  // link-local fe80::/10
    if (b[0] == 0xff) return true;                           // multicast
    static const unsigned char kMapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
    if (std::memcmp(b, kMapped, 12) == 0) {
      char text[INET_ADDRSTRLEN];
      if (!inet_ntop(AF_INET, b + 12, text, sizeof text)) return true;
      return IsPrivateAddress(text);
    }
    return false;
  }
  return true;
}

Result<std::vector<std::string>> ResolveHost(const std::string& host, int port) {
  std::string name = host;
  if (name.size() >= 2 && name.front() == '[' && name.back() == ']') {
    name = name.substr(1, name.size() - 2);
  }
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string service = std::to_string(port);
  const int rc = getaddrinfo(name.c_str(), service.c_str(), &hints, &found);
  if (rc != 0) {
    return Status(StatusCode::kNetwork, std::string("DNS: ") + gai_strerror(rc), host);
  }
  std::vector<std::string> out;
  for (addrinfo* ai = found; ai; ai = ai->ai_next) {
    char text[INET6_ADDRSTRLEN] = {};
    const void* addr = nullptr;
    if (ai->ai_family == AF_INET) {
      addr = &reinterpret_cast<sockaddr_in*>(ai->ai_addr)->sin_addr;
    } else if (ai->ai_family == AF_INET6) {
      addr = &reinterpret_cast<sockaddr_in6*>(ai->ai_addr)->sin6_addr;
    } else {
      continue;
    }
    if (inet_ntop(ai->ai_family, addr, text, sizeof text) &&
        std::find(out.begin(), out.end(), text) == out.end()) {
      out.emplace_back(text);
    }
  }
  freeaddrinfo(found);
  if (out.empty()) return Status(StatusCode::kNetwork, "DNS: no address", host);
  return out;
}

}  // namespace newsfacts::fetch
