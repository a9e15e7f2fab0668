-- Every index on applicants is paid for at every insert (a 100,000-row import
-- spends most of its time on them). Three were redundant:
-- - by kecamatan: a kecamatan's applicants are a range of unit codes
--   (applicants_by_unit), since a desa code starts with its kecamatan's;
-- - by election and NIK, and by round and NIK: one NIK has few rows, so
--   applicants_by_nik finds them and the election or round is checked on
--   those rows.
DROP INDEX applicants_by_kecamatan;
DROP INDEX applicants_by_election_nik;
DROP INDEX applicants_by_round_nik;
