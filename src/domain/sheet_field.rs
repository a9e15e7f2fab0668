//! The applicant fields a spreadsheet column can hold, and the header
//! names (with their synonyms in offices' lists) that mean each of them.

use serde::{Deserialize, Serialize};
use ts_rs::TS;

/// An applicant field a column can hold.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum SheetField {
    Nik,
    Nama,
    JenisKelamin,
    TempatLahir,
    TanggalLahir,
    /// "Pasuruan, 12-08-1990" in one column.
    TempatTanggalLahir,
    Alamat,
    /// The kecamatan of the KTP address: finds a desa given by name.
    Kecamatan,
    KodeDesa,
    Pendidikan,
    Telepon,
    Email,
    Pekerjaan,
    /// The kecamatan of the unit applied for: finds a PPS desa given by name.
    KecamatanTugas,
    KodeWilayahTugas,
    KodeDesaDomisili,
    AlasanDomisili,
}

impl SheetField {
    pub const ALL: [SheetField; 17] = [
        SheetField::Nik,
        SheetField::Nama,
        SheetField::JenisKelamin,
        SheetField::TempatLahir,
        SheetField::TanggalLahir,
        SheetField::TempatTanggalLahir,
        SheetField::Alamat,
        SheetField::Kecamatan,
        SheetField::KodeDesa,
        SheetField::Pendidikan,
        SheetField::Telepon,
        SheetField::Email,
        SheetField::Pekerjaan,
        SheetField::KecamatanTugas,
        SheetField::KodeWilayahTugas,
        SheetField::KodeDesaDomisili,
        SheetField::AlasanDomisili,
    ];

    /// The key, as saved and as our own CSV header names the column.
    pub fn key(self) -> &'static str {
        match self {
            SheetField::Nik => "nik",
            SheetField::Nama => "nama",
            SheetField::JenisKelamin => "jenis_kelamin",
            SheetField::TempatLahir => "tempat_lahir",
            SheetField::TanggalLahir => "tanggal_lahir",
            SheetField::TempatTanggalLahir => "tempat_tanggal_lahir",
            SheetField::Alamat => "alamat",
            SheetField::Kecamatan => "kecamatan",
            SheetField::KodeDesa => "kode_desa",
            SheetField::Pendidikan => "pendidikan",
            SheetField::Telepon => "telepon",
            SheetField::Email => "email",
            SheetField::Pekerjaan => "pekerjaan",
            SheetField::KecamatanTugas => "kecamatan_tugas",
            SheetField::KodeWilayahTugas => "kode_wilayah_tugas",
            SheetField::KodeDesaDomisili => "kode_desa_domisili",
            SheetField::AlasanDomisili => "alasan_domisili",
        }
    }

    pub fn from_key(key: &str) -> Option<SheetField> {
        SheetField::ALL.into_iter().find(|f| f.key() == key)
    }

    /// How the mapping screen names it.
    pub fn label(self) -> &'static str {
        match self {
            SheetField::Nik => "NIK",
            SheetField::Nama => "Nama lengkap",
            SheetField::JenisKelamin => "Jenis kelamin",
            SheetField::TempatLahir => "Tempat lahir",
            SheetField::TanggalLahir => "Tanggal lahir",
            SheetField::TempatTanggalLahir => "Tempat, tanggal lahir (satu kolom)",
            SheetField::Alamat => "Alamat (KTP-el)",
            SheetField::Kecamatan => "Kecamatan alamat (nama atau kode)",
            SheetField::KodeDesa => "Desa/kelurahan alamat (nama atau kode)",
            SheetField::Pendidikan => "Pendidikan terakhir",
            SheetField::Telepon => "Nomor HP/telepon",
            SheetField::Email => "Alamat surel",
            SheetField::Pekerjaan => "Pekerjaan",
            SheetField::KecamatanTugas => "Kecamatan wilayah tugas (nama atau kode)",
            SheetField::KodeWilayahTugas => "Wilayah tugas (nama atau kode)",
            SheetField::KodeDesaDomisili => "Desa domisili, bila beda dari KTP (nama atau kode)",
            SheetField::AlasanDomisili => "Alasan domisili",
        }
    }

    /// Header names that mean this field, compared as [`header_key`]
    /// makes them (lower case, letters and digits only).
    fn synonyms(self) -> &'static [&'static str] {
        match self {
            SheetField::Nik => &[
                "nik",
                "nikktp",
                "niktp",
                "noktp",
                "nomorktp",
                "nonik",
                "nomornik",
                "nomorindukkependudukan",
                "nikktpel",
                "niknoktp",
            ],
            SheetField::Nama => &[
                "nama",
                "namalengkap",
                "namapendaftar",
                "namapeserta",
                "namacalon",
                "namasesuaiktp",
                "namalengkapsesuaiktp",
                "namalengkapdangelar",
            ],
            SheetField::JenisKelamin => &[
                "jeniskelamin",
                "jk",
                "lp",
                "kelamin",
                "jnskelamin",
                "gender",
                "sex",
            ],
            SheetField::TempatLahir => &["tempatlahir", "tmplahir", "tmptlahir", "tempat"],
            SheetField::TanggalLahir => &[
                "tanggallahir",
                "tgllahir",
                "tanggalkelahiran",
                "tgl",
                "tgllhr",
            ],
            SheetField::TempatTanggalLahir => &[
                "tempattanggallahir",
                "tempattgllahir",
                "ttl",
                "tempatdantanggallahir",
                "tmptgllahir",
            ],
            SheetField::Alamat => &[
                "alamat",
                "alamatlengkap",
                "alamatktp",
                "alamatsesuaiktp",
                "alamatrumah",
                "alamatjalan",
            ],
            SheetField::Kecamatan => &["kecamatan", "kec", "kecamatanktp", "kodekecamatan"],
            SheetField::KodeDesa => &[
                "kodedesa",
                "desa",
                "desakel",
                "desakelurahan",
                "kelurahan",
                "keldesa",
                "kelurahandesa",
                "desaktp",
                "kodedesaktp",
            ],
            SheetField::Pendidikan => &[
                "pendidikan",
                "pendidikanterakhir",
                "pendterakhir",
                "ijazahterakhir",
                "pendidikanterakhirijazah",
                "jenjangpendidikan",
            ],
            SheetField::Telepon => &[
                "telepon",
                "telp",
                "notelp",
                "notelepon",
                "nomortelepon",
                "hp",
                "nohp",
                "nomorhp",
                "nohpwa",
                "wa",
                "nowa",
                "whatsapp",
                "nomorwhatsapp",
                "telponhp",
            ],
            SheetField::Email => &["email", "surel", "alamatemail", "alamatsurel"],
            SheetField::Pekerjaan => &["pekerjaan", "pekerjaansaatini", "pekerjaansekarang"],
            SheetField::KecamatanTugas => &[
                "kecamatantugas",
                "kecamatanwilayahtugas",
                "kecamatanyangdilamar",
                "kecamatanpendaftaran",
            ],
            SheetField::KodeWilayahTugas => &[
                "kodewilayahtugas",
                "wilayahtugas",
                "wilayahpendaftaran",
                "daerahpemilihan",
                "lokasipendaftaran",
                "desayangdilamar",
                "ppk",
                "pps",
                "ppkkecamatan",
                "ppsdesa",
                "ppsdesakelurahan",
                "unit",
            ],
            SheetField::KodeDesaDomisili => &[
                "kodedesadomisili",
                "desadomisili",
                "domisili",
                "desakeldomisili",
            ],
            SheetField::AlasanDomisili => &["alasandomisili", "keterangandomisili"],
        }
    }
}

/// A header as compared: lower case, letters and digits only, so that
/// "No. HP", "NO HP" and "no_hp" are one.
pub fn header_key(header: &str) -> String {
    header
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect()
}

/// The field a header names, if any.
pub fn field_of_header(header: &str) -> Option<SheetField> {
    let key = header_key(header);
    if key.is_empty() {
        return None;
    }
    SheetField::ALL
        .into_iter()
        .find(|f| f.synonyms().contains(&key.as_str()))
}
