-- Settings that differ between offices and elections (issue 18, item 4),
-- kept with each round like its other rules (src/domain/round_rules.rs):
--
-- responses_until: until when public responses are taken: 'wawancara'
--   (before the interviews) or 'pelantikan' (until the swearing in, i.e.
--   before the term of office). Until now responses were taken until the
--   term began, so rounds created before this migration keep that
--   ('pelantikan'); new rounds default to the national rule.
-- statement_items: the items of the surat pernyataan (a JSON array of
--   strings), shown under the statement in the requirement checklist.
--   Existing rounds get the 2024 items; a round whose election is named
--   as a Pilkada also states "no comorbidity", as the 2024 Pilkada did.
-- legal_basis: the legal basis the official documents cite, one
--   instrument a line. Existing rounds get their election's: the Pilkada
--   law for a round whose election is named as a Pilkada, UU 7/2017
--   otherwise.
ALTER TABLE rounds ADD COLUMN responses_until TEXT NOT NULL DEFAULT 'wawancara'
    CHECK (responses_until IN ('wawancara', 'pelantikan'));
ALTER TABLE rounds ADD COLUMN statement_items TEXT NOT NULL DEFAULT '[]'
    CHECK (json_valid(statement_items) AND json_type(statement_items) = 'array');
ALTER TABLE rounds ADD COLUMN legal_basis TEXT NOT NULL DEFAULT '';

UPDATE rounds SET
    responses_until = 'pelantikan',
    statement_items = json_array(
        'Setia kepada Pancasila sebagai dasar negara, Undang-Undang Dasar Negara Republik Indonesia Tahun 1945, Negara Kesatuan Republik Indonesia, Bhinneka Tunggal Ika, dan cita-cita Proklamasi 17 Agustus 1945',
        'Tidak menjadi anggota partai politik, atau telah keluar dari keanggotaan partai politik paling singkat 5 (lima) tahun',
        'Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika',
        'Tidak pernah dipidana penjara berdasarkan putusan pengadilan yang telah berkekuatan hukum tetap karena melakukan tindak pidana yang diancam dengan pidana penjara 5 (lima) tahun atau lebih',
        'Tidak pernah diberhentikan tetap oleh KPU, KPU Provinsi, KPU Kabupaten/Kota, atau DKPP',
        'Tidak menjadi tim kampanye atau saksi peserta pemilihan dalam 5 (lima) tahun terakhir',
        'Tidak berada dalam ikatan perkawinan dengan sesama penyelenggara pemilihan',
        'Mampu membaca, menulis, berhitung, dan menggunakan teknologi informasi'
    ),
    legal_basis = CASE WHEN lower(election) LIKE '%pilkada%' THEN
    'Undang-Undang Nomor 1 Tahun 2015 tentang Penetapan Peraturan Pemerintah Pengganti Undang-Undang Nomor 1 Tahun 2014 tentang Pemilihan Gubernur, Bupati, dan Walikota menjadi Undang-Undang, sebagaimana telah beberapa kali diubah terakhir dengan Undang-Undang Nomor 6 Tahun 2020' || char(10) ||
    'Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2022 tentang Pembentukan dan Tata Kerja Badan Ad Hoc Penyelenggara Pemilihan Umum dan Pemilihan Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, serta Wali Kota dan Wakil Wali Kota' || char(10) ||
    'Keputusan Komisi Pemilihan Umum Nomor 476 Tahun 2022 beserta perubahannya' || char(10) ||
    'Keputusan Komisi Pemilihan Umum Nomor 475 Tahun 2024'
    ELSE
    'Undang-Undang Nomor 7 Tahun 2017 tentang Pemilihan Umum' || char(10) ||
    'Peraturan Komisi Pemilihan Umum Nomor 8 Tahun 2022 tentang Pembentukan dan Tata Kerja Badan Ad Hoc Penyelenggara Pemilihan Umum dan Pemilihan Gubernur dan Wakil Gubernur, Bupati dan Wakil Bupati, serta Wali Kota dan Wakil Wali Kota' || char(10) ||
    'Keputusan Komisi Pemilihan Umum Nomor 476 Tahun 2022, sebagaimana telah diubah dengan Keputusan Komisi Pemilihan Umum Nomor 534 Tahun 2022 dan Keputusan Komisi Pemilihan Umum Nomor 67 Tahun 2023'
    END;

UPDATE rounds SET statement_items = json_replace(statement_items, '$[2]',
    'Sehat jasmani, rohani, dan bebas dari penyalahgunaan narkotika, serta tidak memiliki penyakit penyerta (komorbid)')
WHERE lower(election) LIKE '%pilkada%';
