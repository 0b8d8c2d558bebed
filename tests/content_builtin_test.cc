// The built-in content end to end: lines that the golden samples do not
// cover, through the real binary with no configuration - profile order and
// fall-through, source-named profiles (--parser) for formats detection cannot
// recognise, bare (header-less) vendor lines, and the CEF/LEEF catch-alls.
#include <gtest/gtest.h>

#include <string>

#include "e2e_util.h"

namespace recproc {
namespace {

using nlohmann::json;

// The single record recproc makes of `line` (with extra args such as --parser).
json One(const std::string& line, const std::string& args = "") {
  testing::CommandResult r = testing::RunRecproc("--now 2026-06-01T00:00:00Z " + args + " -", line + "\n");
  EXPECT_EQ(r.exit_code, 0) << r.err;
  std::vector<json> records = testing::JsonLines(r.out);
  EXPECT_EQ(records.size(), 1u) << r.out;
  return records.empty() ? json::object() : records[0];
}

TEST(ContentBuiltinTest, SshdMessageNoProfileKnowsStaysGenericSyslog) {
  // Every linux_sshd_* regex fails on it, so no profile applies.
  json r = One("Mar  3 08:40:00 web-01 sshd[1]: Server listening on 0.0.0.0 port 22.");
  EXPECT_EQ(r["metadata_vendor"], "Generic");
  EXPECT_EQ(r["metadata_product"], "Syslog");
  EXPECT_EQ(r["application"], "sshd");
}

TEST(ContentBuiltinTest, SudoWithGroupAndFailedPamForRemoteLogin) {
  json r =
      One("Mar  3 09:10:00 db-2 sudo:    alice : TTY=pts/3 ; PWD=/srv ; USER=postgres ; GROUP=postgres ; "
          "COMMAND=/usr/bin/psql -l");
  EXPECT_EQ(r["objectType"], "AuthenticationPrivilegeEscalation");
  EXPECT_EQ(r["metadata_deviceEventId"], "sudo_command");
  EXPECT_EQ(r["user_username"], "alice");
  EXPECT_EQ(r["targetUser_username"], "postgres");
  EXPECT_EQ(r["commandLine"], "/usr/bin/psql -l");
  EXPECT_EQ(r["success"], true);

  // A remote login has no ruser: the account tried is the user.
  r = One(
      "Mar  3 09:11:00 db-2 sshd[900]: pam_unix(sshd:auth): authentication failure; logname= uid=0 euid=0 "
      "tty=ssh ruser= rhost=203.0.113.9  user=root");
  EXPECT_EQ(r["objectType"], "Authentication");
  EXPECT_EQ(r["user_username"], "root");
  EXPECT_EQ(r["srcDevice_hostname"], "203.0.113.9");
  EXPECT_EQ(r["success"], false);
}

TEST(ContentBuiltinTest, BareFortiGateKeyValueLine) {
  json r = One(
      "date=2026-03-04 time=15:10:02 devname=\"fw1\" devid=\"FG100F\" logid=\"0000000013\" type=\"traffic\" "
      "subtype=\"local\" srcip=10.0.0.1 dstip=10.0.0.2 dstport=53 action=\"accept\" proto=17");
  EXPECT_EQ(r["metadata_vendor"], "Fortinet");
  EXPECT_EQ(r["metadata_deviceEventId"], "traffic-local");
  EXPECT_EQ(r["objectType"], "Network");
  EXPECT_EQ(r["ipProtocol"], "udp");
  EXPECT_EQ(r["normalizedAction"], "allow");
  EXPECT_EQ(r["dstPort"], 53);
}

TEST(ContentBuiltinTest, FortiGateEventWithoutSpecificMappingIsAudit) {
  json r =
      One("devname=\"fw1\" devid=\"FG100F\" logid=\"0101037141\" type=\"event\" subtype=\"vpn\" "
          "action=\"tunnel-up\" "
          "remip=198.51.100.4 locip=203.0.113.1 vpntunnel=\"hq\"");
  EXPECT_EQ(r["objectType"], "Audit");
  EXPECT_EQ(r["metadata_mapperName"], "FortiGate Events and Catch All");
  EXPECT_EQ(r["srcDevice_ip"], "198.51.100.4");
  EXPECT_EQ(r["resource"], "hq");
}

TEST(ContentBuiltinTest, UnknownAsaMessageIdFallsToTheCatchAll) {
  json r =
      One("<165>Mar 04 2026 16:12:00 asa-dc1 : %ASA-5-111010: User 'netadmin', running 'CLI' from IP "
          "10.20.1.99, executed 'no shutdown'");
  EXPECT_EQ(r["metadata_vendor"], "Cisco");
  EXPECT_EQ(r["metadata_deviceEventId"], "111010");
  EXPECT_EQ(r["objectType"], "Audit");
  EXPECT_EQ(r["severity"], "5");
}

TEST(ContentBuiltinTest, CheckPointLeaThroughItsSourceProfile) {
  json r = One(
      "time:\"1772647201\"; action:\"Drop\"; orig:\"cp-gw-01\"; src:\"192.0.2.91\"; dst:\"198.51.100.40\"; "
      "proto:\"tcp\"; service:\"445\"; s_port:\"40123\"; rule_name:\"Cleanup rule\"; "
      "product:\"VPN-1 & FireWall-1\";",
      "--parser checkpoint_lea");
  EXPECT_EQ(r["objectType"], "Network");
  EXPECT_EQ(r["metadata_vendor"], "Check Point");
  EXPECT_EQ(r["timestamp"], 1772647201000);
  EXPECT_EQ(r["normalizedAction"], "deny");
  EXPECT_EQ(r["dstPort"], 445);
  EXPECT_EQ(r["srcPort"], 40123);
  EXPECT_EQ(r["resource"], "Cleanup rule");

  // Unquoted values, no blade named: the Check Point catch-all.
  r = One("tcp_flags: RST-ACK; src: 192.168.0.1; action: Reject;", "--parser checkpoint_lea");
  EXPECT_EQ(r["objectType"], "Audit");
  EXPECT_EQ(r["metadata_mapperName"], "Check Point Catch All");
  EXPECT_EQ(r["srcDevice_ip"], "192.168.0.1");
  EXPECT_EQ(r["action"], "Reject");
}

TEST(ContentBuiltinTest, BarePanOsTrafficCsvThroughItsSourceProfile) {
  json r =
      One("1,2026/03/04 17:00:05,013201001234,TRAFFIC,end,2561,2026/03/04 17:00:05,10.40.2.18,93.184.215.14,"
          "0.0.0.0,0.0.0.0,Allow-Web,,,ssl,vsys1,trust,untrust,ethernet1/2,ethernet1/1,Log-Forward,"
          "2026/03/04 17:00:05,771203,1,55012,443,0,0,0x40001c,tcp,allow,14882,2210,12672,38,"
          "2026/03/04 16:59:48,16,any,0,7302214455,0x0,10.0.0.0-10.255.255.255,United States,0,19,19,tcp-fin",
          "--parser panos_traffic_csv");
  EXPECT_EQ(r["metadata_deviceEventId"], "TRAFFIC-end");
  EXPECT_EQ(r["bytesOut"], 2210);
  EXPECT_EQ(r["bytesIn"], 12672);
  EXPECT_EQ(r["cause"], "tcp-fin");
  EXPECT_FALSE(r.contains("srcDevice_natIp"));  // 0.0.0.0 means no NAT
  EXPECT_EQ(r["timestamp"], 1772643605000);
}

TEST(ContentBuiltinTest, CefAndLeefFromUnknownVendorsGetTheCatchAll) {
  json r =
      One("CEF:0|Initech|Sentry EDR|4.2|1001|Process blocked|8|act=blocked src=10.60.3.14 suser=pgibbons");
  EXPECT_EQ(r["objectType"], "Audit");
  EXPECT_EQ(r["metadata_mapperName"], "Generic CEF");
  EXPECT_EQ(r["metadata_vendor"], "Initech");
  EXPECT_EQ(r["metadata_product"], "Sentry EDR");
  EXPECT_EQ(r["action"], "blocked");
  EXPECT_EQ(r["srcDevice_ip"], "10.60.3.14");

  r = One("LEEF:1.0|Globex|NetWatch|3.1|flow_blocked|src=10.70.0.8\tdst=203.0.113.99\tusrName=hank");
  EXPECT_EQ(r["metadata_mapperName"], "Generic LEEF");
  EXPECT_EQ(r["metadata_vendor"], "Globex");
  EXPECT_EQ(r["action"], "flow_blocked");
  EXPECT_EQ(r["user_username"], "hank");
}

}  // namespace
}  // namespace recproc
