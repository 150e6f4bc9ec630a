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
enum class Syntax { Apache, Nginx, W3c };
struct PresetDef {
  LogFormat::PresetInfo info;
  Syntax syntax = Syntax::Nginx;
  bool dash_or_zero_is_no_response = false;  // "-", 0 or 000 when no response was sent (Envoy, Squid)
  std::string_view header = {};              // a header row that starts so carries no record (CSV)
  bool tab_separated = false;                // W3C fields separated by tabs (CloudFront)
  bool padded = false;                       // fields padded with spaces to a width (Squid)
};
constexpr std::array<PresetDef, 16> kPresets = {{
    {.info = {.name = "traefik",
              .description = "Traefik access log, CLF variant (router, server URL, duration in ms)",
              .definition = R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
                            R"("$http_referer" "$http_user_agent" $traefik_request_count "$traefik_router" )"
                            R"("$traefik_server_url" ${request_time_ms}ms)",
              .sample = "traefik.log"}},
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
    // HAProxy `option httplog`. Captured headers ({...} blocks) and their absence both fit:
    // the queue counters field runs up to the quoted request.
    {.info = {.name = "haproxy",
              .description = "HAProxy HTTP log (option httplog): timers, termination state, captures",
              .definition = R"($remote_addr:$haproxy_client_port [$time_local] $haproxy_frontend )"
                            R"($haproxy_backend_server $haproxy_timers $status $body_bytes_sent )"
                            R"($haproxy_request_cookie $haproxy_response_cookie $haproxy_termination_state )"
                            R"($haproxy_connections $haproxy_queues "$request")",
              .sample = "haproxy.log"}},
    // Istio's default text format: Envoy's with response details after the flags and the
    // upstream and downstream addresses at the end. Before envoy: an Istio line also fits
    // envoy's plan, badly, with appended fields; it fits this one whole.
    {.info = {.name = "istio",
              .description = "Istio proxy (Envoy) default access log; status - or 0: no response",
              .definition = R"([$time_iso8601] "$request" $status $envoy_response_flags $istio_response_code_details )"
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
              .definition = R"($remote_addr - $remote_user [$time_local] "$request" $status $body_bytes_sent )"
                            R"("$http_referer" "$http_user_agent" $request_length $request_time [$proxy_upstream_name] )"
                            R"([$proxy_alternative_upstream_name] $upstream_addr $upstream_response_length )"
                            R"($upstream_response_time $upstream_status $req_id)",
              .sample = "ingress-nginx.log"}},
    {.info = {.name = "awselb",
              .description = "AWS Classic Load Balancer (elb_status_code is the status, backend_status_code kept)",
              .definition = R"($time_iso8601 $elb_name $remote_addr $elb_backend $elb_request_processing_time )"
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
              .sample = "awss3.log"}},
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
              .definition = R"($alb_type $time_iso8601 $alb_name $remote_addr $alb_target )"
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
}};

constexpr std::array<LogFormat::PresetInfo, kPresets.size()> kPresetInfos = [] {
  std::array<LogFormat::PresetInfo, kPresets.size()> infos{};
  for (size_t i = 0; i < kPresets.size(); ++i) infos[i] = kPresets[i].info;
  return infos;
}();

}  // namespace

std::span<const LogFormat::PresetInfo> LogFormat::presets() noexcept { return kPresetInfos; }

std::shared_ptr<const LogFormat> LogFormat::preset(std::string_view name) {
  for (const PresetDef& p : kPresets) {
    if (!iequals_ascii(p.info.name, name)) continue;
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
    }
    auto marked = std::shared_ptr<LogFormat>(new LogFormat(*fmt));
    marked->dash_or_zero_is_no_response_ = p.dash_or_zero_is_no_response;
    marked->header_ = p.header;
    marked->padded_ = p.padded;
    marked->spec_ = p.info.name;
    return marked;
  }
  return nullptr;
}

std::vector<std::shared_ptr<const LogFormat>> LogFormat::siblings(std::string_view name) {
  // The Apache family: the same fields with or without the vhost prefix and the referrer and
  // user agent, nearest first.
  static constexpr std::array<std::array<std::string_view, 4>, 4> kFamilies = {{
      {"combined", "common", "vcombined", "vcommon"},
      {"common", "combined", "vcommon", "vcombined"},
      {"vcombined", "vcommon", "combined", "common"},
      {"vcommon", "vcombined", "common", "combined"},
  }};
  std::vector<std::shared_ptr<const LogFormat>> out;
  for (const auto& family : kFamilies) {
    if (!iequals_ascii(family[0], name)) continue;
    for (size_t i = 1; i < family.size(); ++i) out.push_back(preset(family[i]));
  }
  return out;
}

}  // namespace statuslint
