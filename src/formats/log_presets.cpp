// The preset catalogue: every text format statuslint knows by name, in detection order, each
// written in the syntax of the server that writes it and compiled by the same compilers as a
// user's format string (log_format.cpp).
#include <array>

#include "statuslint/formats/log_format.hpp"
#include "statuslint/text.hpp"

namespace statuslint {
namespace {

// The presets, in detection order: most specific first, so that a Traefik line is not taken
// for combined-with-extra-fields, and ties go to the earlier one.
enum class Syntax { Apache, Nginx, W3c, Zeek };
struct PresetDef {
  LogFormat::PresetInfo info;
  Syntax syntax = Syntax::Nginx;
  bool dash_or_zero_is_no_response = false;  // "-", 0 or 000 when no response was sent (Envoy, Squid)
  std::string_view header = {};              // a header row that starts so carries no record (CSV)
  bool tab_separated = false;                // W3C fields separated by tabs (CloudFront)
  bool padded = false;                       // fields padded with spaces to a width (Squid)
  // For a layout another preset also reads, byte for byte: that preset, which detection
  // chooses instead (this one is named for --log-format and siblings). Empty: detected as itself.
  std::string_view detected_as = {};
};
constexpr auto kPresets = std::to_array<PresetDef>({
    {.info = {.name = "traefik",
              .description = "Traefik access log, CLF variant (router, server URL, duration in ms)",
              .definition = R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
                            R"("$http_referer" "$http_user_agent" $traefik_request_count "$traefik_router" )"
                            R"("$traefik_server_url" ${request_time_ms}ms)",
              .sample = "traefik.log"}},
    // Kong Gateway 3.5 and later: combined, then its request id (earlier versions write
    // combined). Before combined, which reads these lines with an appended field.
    {.info = {.name = "kong",
              .description = "Kong Gateway proxy access log (3.5+: combined, then kong_request_id)",
              .definition = R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
                            R"("$http_referer" "$http_user_agent" kong_request_id: "$kong_request_id")",
              .sample = "kong.log"}},
    {.info = {.name = "vcombined",
              .description = "Apache vhost_combined: %v:%p prefix, then combined",
              .definition = R"(%v:%p %h %l %u %t "%r" %>s %O "%{Referer}i" "%{User-Agent}i")",
              .sample = "vcombined.log"},
     .syntax = Syntax::Apache},
    // Before common: a vhost_common line also fits common (with the vhost read as the client
    // and "ident user" as the user), and detection keeps the first of equal fits.
    {.info = {.name = "vcommon",
              .description = "Apache vhost_common: %v prefix, then common",
              .definition = R"(%v %h %l %u %t "%r" %>s %b)",
              .sample = "vcommon.log"},
     .syntax = Syntax::Apache},
    // A bare vhost, then combined (openSUSE's vhost_combined, Apache's manual): the same shape
    // as an X-Forwarded-For list before combined, told apart by what the first field holds
    // (a host name here, addresses there).
    {.info = {.name = "vcombined-noport",
              .description = "Apache vhost then combined, no port (%v %h ...; openSUSE vhost_combined)",
              .definition = R"(%v %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "vhost-bare-combined.log"},
     .syntax = Syntax::Apache},
    {.info = {.name = "xff-combined",
              .description = "nginx: $http_x_forwarded_for, then combined (the first address is the client)",
              .definition = R"($http_x_forwarded_for $proxy_remote_addr - $remote_user [$time_local] "$request" )"
                            R"($status $body_bytes_sent "$http_referer" "$http_user_agent")",
              .sample = "xff-combined.log"}},
    {.info = {.name = "combined",
              .description = "NCSA combined (Apache and nginx default)",
              .definition = R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "combined.log"},
     .syntax = Syntax::Apache},
    {.info = {.name = "common",
              .description = "NCSA Common Log Format (CLF)",
              .definition = R"(%h %l %u %t "%r" %>s %b)",
              .sample = "common.log"},
     .syntax = Syntax::Apache},
    // lighttpd's default: the host (%V) where combined has the ident. After combined, so that a
    // combined log ("-" there) stays combined; a host name there tells lighttpd.
    {.info = {.name = "lighttpd",
              .description = "lighttpd mod_accesslog default (%h %V %u ...: the host second)",
              .definition = R"(%h %V %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "lighttpd.log"},
     .syntax = Syntax::Apache},
    // Nginx Proxy Manager's own log_format `proxy` (proxied hosts) and `standard`.
    {.info = {.name = "npm-proxy",
              .description = "Nginx Proxy Manager, log_format proxy (cache, upstream and client status)",
              .definition = R"([$time_local] $upstream_cache_status $upstream_status $status - $request_method )"
                            R"($scheme $host "$request_uri" [Client $remote_addr] [Length $body_bytes_sent] )"
                            R"([Gzip $gzip_ratio] [Sent-to $server] "$http_user_agent" "$http_referer")",
              .sample = "npm-proxy.log"}},
    {.info = {.name = "npm-standard",
              .description = "Nginx Proxy Manager, log_format standard (redirection and dead hosts)",
              .definition = R"([$time_local] $status - $request_method $scheme $host "$request_uri" )"
                            R"([Client $remote_addr] [Length $body_bytes_sent] [Gzip $gzip_ratio] "$http_user_agent" )"
                            R"("$http_referer")",
              .sample = "npm-standard.log"}},
    // uWSGI's default request log line: the response time in milliseconds (uwsgi-micros: with
    // --log-micros); " via sendfile()" and the like after the unit are kept apart.
    {.info = {.name = "uwsgi",
              .description = "uWSGI default request log ([pid: ...] ... => generated N bytes in N msecs)",
              .definition = R"([pid: $uwsgi_pid|app: $uwsgi_app|req: $uwsgi_req] $remote_addr ($remote_user) )"
                            R"({$uwsgi_vars vars in $uwsgi_packet bytes} [$time_asctime] $request_method $request_uri )"
                            R"(=> generated $body_bytes_sent bytes in ${request_time_ms} msecs$uwsgi_via )"
                            R"(($server_protocol $status) $uwsgi_headers headers in $uwsgi_header_bytes bytes )"
                            R"(($uwsgi_switches switches on core $uwsgi_core))",
              .sample = "uwsgi.log"}},
    {.info = {.name = "uwsgi-micros",
              .description = "uWSGI default request log with --log-micros (response time in microseconds)",
              .definition = R"([pid: $uwsgi_pid|app: $uwsgi_app|req: $uwsgi_req] $remote_addr ($remote_user) )"
                            R"({$uwsgi_vars vars in $uwsgi_packet bytes} [$time_asctime] $request_method $request_uri )"
                            R"(=> generated $body_bytes_sent bytes in ${request_time_us} micros$uwsgi_via )"
                            R"(($server_protocol $status) $uwsgi_headers headers in $uwsgi_header_bytes bytes )"
                            R"(($uwsgi_switches switches on core $uwsgi_core))",
              .sample = "uwsgi-micros.log"}},
    // Node.js morgan's predefined formats that are not CLF (dev is coloured: read through the
    // ansi envelope, which drops the escapes).
    {.info = {.name = "morgan-dev",
              .description = "Node.js morgan dev (:method :url :status :response-time ms - :res[content-length])",
              .definition = R"($request_method $request_uri $status ${request_time_ms} ms - $body_bytes_sent)",
              .sample = "morgan-dev.log"}},
    {.info = {.name = "morgan-short",
              .description = "Node.js morgan short (client, user, request, status, length, response time)",
              .definition = R"($remote_addr $remote_user $request_method $request_uri $server_protocol $status )"
                            R"($body_bytes_sent - ${request_time_ms} ms)",
              .sample = "morgan-short.log"}},
    {.info = {.name = "morgan-tiny",
              .description = "Node.js morgan tiny (:method :url :status :res[content-length] - :response-time ms)",
              .definition = R"($request_method $request_uri $status $body_bytes_sent - ${request_time_ms} ms)",
              .sample = "morgan-tiny.log"}},
    // Kong's stream (TCP/TLS) log: session statuses are HTTP-like codes.
    {.info = {.name = "kong-stream",
              .description = "Kong Gateway stream log (log_format basic: session status and time)",
              .definition = R"($remote_addr [$time_local] $protocol $status $body_bytes_sent $bytes_received )"
                            R"($request_time)",
              .sample = "kong-stream.log"}},
    // HAProxy `option httplog`. Captured headers ({...} blocks) and their absence both fit:
    // the queue counters field runs up to the quoted request.
    {.info = {.name = "haproxy",
              .description = "HAProxy HTTP log (option httplog): timers, termination state, captures",
              .definition = R"($remote_addr_port [$time_local] $haproxy_frontend )"
                            R"($haproxy_backend_server $haproxy_timers $status $body_bytes_sent )"
                            R"($haproxy_request_cookie $haproxy_response_cookie $haproxy_termination_state )"
                            R"($haproxy_connections $haproxy_queues "$request")",
              .sample = "haproxy.log"},
     // -1: the client went away before any response (termination state CR--, CD--).
     .dash_or_zero_is_no_response = true},
    // Istio's default text format: Envoy's with response details after the flags and the
    // upstream and downstream addresses at the end. Before envoy: an Istio line also fits
    // envoy's plan, badly, with appended fields; it fits this one whole.
    {.info = {.name = "istio",
              .description = "Istio proxy (Envoy) default access log; status - or 0: no response",
              .definition =
                  R"([$time_iso8601] "$request" $status $envoy_response_flags $istio_response_code_details )"
                  R"($istio_connection_termination_details "$istio_upstream_transport_failure_reason" )"
                  R"($envoy_bytes_received $body_bytes_sent $request_time_ms $envoy_upstream_service_time )"
                  R"("$x_forwarded_for" "$http_user_agent" "$envoy_request_id" "$host" "$envoy_upstream_host" )"
                  R"($istio_upstream_cluster $istio_upstream_local_address $istio_downstream_local_address )"
                  R"($istio_downstream_remote_address $istio_requested_server_name $istio_route_name)",
              .sample = "istio.log"},
     .dash_or_zero_is_no_response = true},
    {.info = {.name = "envoy",
              .description = "Envoy default access log; status - or 0: no response",
              .definition = R"([$time_iso8601] "$request" $status $envoy_response_flags $envoy_bytes_received )"
                            R"($body_bytes_sent $request_time_ms $envoy_upstream_service_time "$x_forwarded_for" )"
                            R"("$http_user_agent" "$envoy_request_id" "$host" "$envoy_upstream_host")",
              .sample = "envoy.log"},
     .dash_or_zero_is_no_response = true},
    // Kubernetes ingress-nginx's default log_format `upstreaminfo`.
    {.info = {.name = "ingress-nginx",
              .description = "Kubernetes ingress-nginx (log_format upstreaminfo; $upstream_status kept)",
              .definition =
                  R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
                  R"("$http_referer" "$http_user_agent" $request_length $request_time [$proxy_upstream_name] )"
                  R"([$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length )"
                  R"($upstream_response_time $upstream_status $req_id)",
              .sample = "ingress-nginx.log"}},
    {.info = {.name = "awselb",
              .description = "AWS Classic Load Balancer (elb_status_code is the status, backend_status_code kept)",
              .definition = R"($time_iso8601 $elb_name $remote_addr_port $elb_backend $elb_request_processing_time )"
                            R"($elb_backend_processing_time $elb_response_processing_time $status $upstream_status )"
                            R"($elb_received_bytes $body_bytes_sent "$request" "$http_user_agent" $ssl_cipher )"
                            R"($ssl_protocol)",
              .sample = "awselb.log"}},
    // S3 server access logs; fields after the version id (host id, signature version,
    // cipher, auth type, host header, TLS version, ...) are read as appended fields.
    {.info = {.name = "awss3",
              .description = "AWS S3 server access log (HTTP status after the request URI)",
              .definition = R"($s3_bucket_owner $s3_bucket [$time_local] $remote_addr $s3_requester $s3_request_id )"
                            R"($s3_operation $s3_key "$request" $status $s3_error_code $body_bytes_sent )"
                            R"($s3_object_size $s3_total_time $s3_turn_around_time "$http_referer" )"
                            R"("$http_user_agent" $s3_version_id)",
              .sample = "awss3.log"},
     // Lifecycle actions (S3.EXPIRE.OBJECT) are no HTTP requests: "-" for the request and the
     // status. They got no response, which is not an invalid status.
     .dash_or_zero_is_no_response = true},
    // An S3 line whose request-URI is a bare "-" (lifecycle and batch actions): a sibling of
    // awss3 for the lines it rejects.
    {.info = {.name = "awss3-no-request",
              .description = "AWS S3 server access log line with a bare - request-URI (lifecycle actions)",
              .definition = R"($s3_bucket_owner $s3_bucket [$time_local] $remote_addr $s3_requester $s3_request_id )"
                            R"($s3_operation $s3_key $request $status $s3_error_code $body_bytes_sent )"
                            R"($s3_object_size $s3_total_time $s3_turn_around_time "$http_referer" )"
                            R"("$http_user_agent" $s3_version_id)",
              .sample = "awss3-no-request.log"},
     .dash_or_zero_is_no_response = true,
     .detected_as = "awss3"},
    // Google Cloud Storage usage logs: CSV, every value quoted, with a header row.
    {.info = {.name = "cloudstorage",
              .description = "Google Cloud Storage usage logs (CSV; sc_status is the status)",
              .definition = R"("$gcs_time_micros","$remote_addr","$gcs_c_ip_type","$gcs_c_ip_region",)"
                            R"("$request_method","$request_uri","$status","$gcs_cs_bytes","$body_bytes_sent",)"
                            R"("$gcs_time_taken_micros","$host","$http_referer","$http_user_agent",)"
                            R"("$gcs_request_id","$gcs_operation","$gcs_bucket","$gcs_object")",
              .sample = "cloudstorage.csv"},
     .header = R"("time_micros",)"},
    // Squid's native format (logformat squid): "%ts.%03tu %6tr %>a %Ss/%03>Hs %<st %rm %ru
    // %[un %Sh/%<a %mt"; the elapsed time is padded to six columns.
    {.info = {.name = "squid",
              .description = "Squid native access log (the status follows the result code: TCP_MISS/200)",
              .definition = R"($msec $request_time_ms $remote_addr $squid_result/$status $body_bytes_sent )"
                            R"($request_method $request_uri $remote_user $squid_hierarchy/$squid_peer )"
                            R"($squid_content_type)",
              .sample = "squid.log"},
     .dash_or_zero_is_no_response = true,
     .padded = true},
    {.info = {.name = "alb",
              .description = "AWS Application Load Balancer access log (elb_status_code is the status)",
              .definition = R"($alb_type $time_iso8601 $alb_name $remote_addr_port $alb_target )"
                            R"($alb_request_processing_time $upstream_response_time $alb_response_processing_time )"
                            R"($status $alb_target_status $alb_received_bytes $body_bytes_sent "$request" )"
                            R"("$http_user_agent" $ssl_cipher $ssl_protocol $alb_target_group_arn "$alb_trace_id" )"
                            R"("$host")",
              .sample = "alb.log"}},
    // CloudFront standard logs: W3C, tab-separated, with these fields when no #Fields: line
    // says otherwise (time-taken in seconds).
    {.info = {.name = "cloudfront",
              .description = "Amazon CloudFront standard log (tab-separated W3C; sc-status is the status)",
              .definition = "date time x-edge-location sc-bytes c-ip cs-method cs(Host) cs-uri-stem sc-status "
                            "cs(Referer) cs(User-Agent) cs-uri-query cs(Cookie) x-edge-result-type x-edge-request-id "
                            "x-host-header cs-protocol cs-bytes time-taken x-forwarded-for ssl-protocol ssl-cipher "
                            "x-edge-response-result-type cs-protocol-version fle-status fle-encrypted-fields c-port "
                            "time-to-first-byte x-edge-detailed-result-type sc-content-type sc-content-len "
                            "sc-range-start sc-range-end",
              .sample = "cloudfront-nohead.log"},
     .syntax = Syntax::W3c,
     .tab_separated = true},
    {.info = {.name = "w3c",
              .description = "W3C extended / IIS: fields from the #Fields: directive (IIS defaults until one appears)",
              .definition = "date time s-ip cs-method cs-uri-stem cs-uri-query s-port cs-username c-ip "
                            "cs(User-Agent) cs(Referer) sc-status sc-substatus sc-win32-status time-taken",
              .sample = "iis.log"},
     .syntax = Syntax::W3c},
    // Zeek's http.log: tab-separated, fields from its #fields header (these until one appears).
    {.info = {.name = "zeek",
              .description = "Zeek http.log (tab-separated; fields from the #fields header)",
              .definition = "ts uid id.orig_h id.orig_p id.resp_h id.resp_p trans_depth method host uri referrer "
                            "version user_agent origin request_body_len response_body_len status_code status_msg "
                            "info_code info_msg tags username password proxied orig_fuids orig_filenames "
                            "orig_mime_types resp_fuids resp_filenames resp_mime_types",
              .sample = "zeek-http.log"},
     .syntax = Syntax::Zeek},
    // Servers whose default layout is another preset's: named for --log-format and the docs,
    // and read as that preset by detection (the layouts cannot be told apart).
    {.info = {.name = "tomcat",
              .description = "Apache Tomcat AccessLogValve default and pattern common (as common)",
              .definition = R"(%h %l %u %t "%r" %s %b)",
              .sample = "tomcat-common.log"},
     .syntax = Syntax::Apache,
     .detected_as = "common"},
    {.info = {.name = "tomcat-combined",
              .description = "Apache Tomcat AccessLogValve pattern combined (as combined)",
              .definition = R"(%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "tomcat-combined.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    // %D is microseconds from Tomcat 10 on, milliseconds up to Tomcat 9: the same bytes, so
    // neither is guessed (detection reads such lines as combined with an appended field).
    {.info = {.name = "tomcat-combined-D",
              .description = "Tomcat 10+ combined %D (time taken in microseconds)",
              .definition = R"(%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i" %D)",
              .sample = "tomcat-combined-D.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "tomcat9-combined-D",
              .description = "Tomcat 9 and earlier, combined %D (time taken in milliseconds)",
              .definition = R"(%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i" %{ms}T)",
              .sample = "tomcat9-combined-D.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "varnishncsa",
              .description = "Varnish varnishncsa default (as combined; the request holds an absolute URL)",
              .definition = R"(%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-agent}i")",
              .sample = "varnishncsa.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "gunicorn",
              .description = "gunicorn default access_log_format (as combined)",
              .definition = R"(%h %l %u %t "%r" %s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "gunicorn.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "litespeed",
              .description = "LiteSpeed / OpenLiteSpeed default (as combined; a quoted user and a [vhost] prefix read)",
              .definition = R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "litespeed.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "morgan-combined",
              .description = "Node.js morgan combined (as combined)",
              .definition = R"(%h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "morgan-combined.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "morgan-common",
              .description = "Node.js morgan common (as common)",
              .definition = R"(%h %l %u %t "%r" %>s %b)",
              .sample = "morgan-common.log"},
     .syntax = Syntax::Apache,
     .detected_as = "common"},
    // Lines a combined log may hold that combined does not read: LiteSpeed's quoted user and its
    // [vhost] prefix. Siblings of combined only.
    {.info = {.name = "combined-quoted-user",
              .description = "combined with the user in double quotes (LiteSpeed)",
              .definition = R"(%h %l "%u" %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "combined-quoted-user.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
    {.info = {.name = "combined-vhost-prefix",
              .description = "[vhost] then combined (LiteSpeed, a virtual host sharing the server's log)",
              .definition = R"([%v] %h %l %u %t "%r" %>s %b "%{Referer}i" "%{User-Agent}i")",
              .sample = "combined-vhost-prefix.log"},
     .syntax = Syntax::Apache,
     .detected_as = "combined"},
});

constexpr std::array<LogFormat::PresetInfo, kPresets.size()> kPresetInfos = [] {
  std::array<LogFormat::PresetInfo, kPresets.size()> infos{};
  for (size_t i = 0; i < kPresets.size(); ++i) {
    infos[i] = kPresets[i].info;
    infos[i].detected_as = kPresets[i].detected_as;
  }
  return infos;
}();

}  // namespace

std::span<const LogFormat::PresetInfo> LogFormat::presets() noexcept { return kPresetInfos; }

std::shared_ptr<const LogFormat> LogFormat::preset(std::string_view name) {
  // Every preset compiled once per process and shared (a format is immutable once built):
  // detection tries them on every input, and compiling them again for each of 100,000 small
  // files was a third of the time.
  static const std::vector<std::shared_ptr<const LogFormat>> compiled = [] {
    std::vector<std::shared_ptr<const LogFormat>> all;
    for (const PresetDef& p : kPresets) {
      std::shared_ptr<const LogFormat> fmt;
      switch (p.syntax) {
        case Syntax::Apache:
          fmt = from_apache(p.info.definition, std::string(p.info.name));
          break;
        case Syntax::Nginx:
          fmt = from_nginx(p.info.definition, std::string(p.info.name));
          break;
        case Syntax::W3c:
          fmt = from_w3c_fields(p.info.definition, std::string(p.info.name), p.tab_separated ? '\t' : ' ');
          break;
        case Syntax::Zeek:
          fmt = from_zeek_fields(p.info.definition);
          break;
      }
      auto marked = std::shared_ptr<LogFormat>(new LogFormat(*fmt));
      marked->dash_or_zero_is_no_response_ = p.dash_or_zero_is_no_response;
      marked->header_ = p.header;
      marked->padded_ = p.padded;
      marked->spec_ = p.info.name;
      all.push_back(std::move(marked));
    }
    return all;
  }();
  for (size_t i = 0; i < kPresets.size(); ++i) {
    if (iequals_ascii(kPresets[i].info.name, name)) return compiled[i];
  }
  return nullptr;
}

std::vector<std::shared_ptr<const LogFormat>> LogFormat::siblings(std::string_view name) {
  // The Apache family: the same fields with or without the vhost prefix and the referrer and
  // user agent, nearest first.
  // Other servers write their own odd lines: LiteSpeed a quoted user or a [vhost] prefix in a
  // combined log, S3 a bare "-" request for lifecycle actions, uWSGI microseconds.
  static constexpr std::array<std::array<std::string_view, 6>, 7> kFamilies = {{
      {"combined", "common", "vcombined", "vcommon", "combined-quoted-user", "combined-vhost-prefix"},
      {"common", "combined", "vcommon", "vcombined"},
      {"vcombined", "vcommon", "combined", "common"},
      {"vcommon", "vcombined", "common", "combined"},
      {"vcombined-noport", "vcommon", "vcombined", "combined"},
      {"awss3", "awss3-no-request"},
      {"uwsgi", "uwsgi-micros"},
  }};
  std::vector<std::shared_ptr<const LogFormat>> out;
  for (const auto& family : kFamilies) {
    if (!iequals_ascii(family[0], name)) continue;
    for (size_t i = 1; i < family.size() && !family[i].empty(); ++i) out.push_back(preset(family[i]));
  }
  return out;
}

}  // namespace statuslint
