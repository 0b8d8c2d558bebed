#!/usr/bin/perl
# Builds the synthetic GeoIP City and ASN databases for the benchmark from
# geo_networks.tsv (written by gen_corpus.py), with Debian's
# libmaxmind-db-writer-perl. Usage: make_mmdb.pl DIR
use strict;
use warnings;
use MaxMind::DB::Writer::Tree;

my $dir = shift or die "usage: $0 DIR\n";
my %city_types = (
  city => 'map', names => 'map', en => 'utf8_string', subdivisions => ['array', 'map'],
  country => 'map', iso_code => 'utf8_string', location => 'map',
  latitude => 'double', longitude => 'double',
);
my %asn_types = (autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string');
my $city = MaxMind::DB::Writer::Tree->new(
  ip_version => 6, record_size => 28, database_type => 'GeoLite2-City', languages => ['en'],
  description => { en => 'recproc benchmark City' }, map_key_type_callback => sub { $city_types{ $_[0] } },
);
my $asn = MaxMind::DB::Writer::Tree->new(
  ip_version => 6, record_size => 24, database_type => 'GeoLite2-ASN', languages => ['en'],
  description => { en => 'recproc benchmark ASN' }, map_key_type_callback => sub { $asn_types{ $_[0] } },
);
open(my $in, '<', "$dir/geo_networks.tsv") or die "$dir/geo_networks.tsv: $!\n";
while (my $line = <$in>) {
  chomp $line;
  my ($net, $cityname, $region, $cc, $country, $lat, $lon, $asnum, $org) = split /\t/, $line;
  $city->insert_network($net, {
    city => { names => { en => $cityname } },
    subdivisions => [ { names => { en => $region } } ],
    country => { iso_code => $cc, names => { en => $country } },
    location => { latitude => $lat + 0.0, longitude => $lon + 0.0 },
  });
  $asn->insert_network($net, { autonomous_system_number => $asnum + 0, autonomous_system_organization => $org });
}
for my $pair ([$city, 'bench-City.mmdb'], [$asn, 'bench-ASN.mmdb']) {
  open(my $fh, '>:raw', "$dir/$pair->[1]") or die "$dir/$pair->[1]: $!\n";
  $pair->[0]->write_tree($fh);
  close $fh;
}
