//! Personal data (UU 27/2022) kept out of the append-only audit trail.

use crate::common;
use crate::registration::{round, siti};

use adhoc::domain::account::Role;
use adhoc::domain::applicant_input::ApplicantFields;
use adhoc::domain::registration::RegistrationDraft;
use adhoc::domain::round::Body;
use adhoc::service::registration::{detail, register, update, withdraw};
use common::{as_role, now, ready_db};

/// The audit trail is append-only, so what it keeps it keeps for good:
/// after an import, a registration, an edit of every personal field and a
/// withdrawal, no NIK, birth place or date, address, phone, e-mail or
/// disability note appears in it in clear; the edit still names each field
/// that changed. The applicant's own record keeps the new values.
#[tokio::test]
async fn personal_data_never_reaches_the_audit_trail_in_clear() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let ppk = round(&t.db, &admin, Body::Ppk).await;
    let csv = "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas\n\
               3514011208900003,Budi,L,Bangil,1990-08-12,Jalan Melati 7,35.14.01.2001,SMA,0857-1111-2222,budi@contoh.invalid,35.14.01\n";
    adhoc::service::applicants::import(&t.db, &desk, ppk.id, csv.as_bytes(), now())
        .await
        .unwrap();
    let registered = RegistrationDraft {
        fields: ApplicantFields {
            tempat_lahir: "Lumajang".into(),
            ..siti().fields
        },
        disability: "Pengguna kursi roda".into(),
        ..siti()
    };
    let saved = register(&t.db, &desk, ppk.id, &registered, now())
        .await
        .unwrap()
        .saved
        .unwrap();
    // Born a day later (the NIK still says the 12th: acknowledged).
    let edited = RegistrationDraft {
        fields: ApplicantFields {
            nik: "3514015208900009".into(),
            tempat_lahir: "Probolinggo".into(),
            tanggal_lahir: "13-08-1990".into(),
            alamat: "Perumahan Asri Blok C-12".into(),
            telepon: "0813-9999-8888".into(),
            email: "siti.baru@contoh.invalid".into(),
            nama: "Siti Nur'aini Rahma".into(),
            ..registered.fields.clone()
        },
        disability: "Tunanetra".into(),
        acknowledge_nik_warnings: true,
        ..registered.clone()
    };
    let r = update(&t.db, &desk, saved.id, &edited, now())
        .await
        .unwrap();
    assert!(r.saved.is_some(), "{:?}", r.check);
    withdraw(&t.db, &desk, saved.id, "Pindah tugas ke luar kota", now())
        .await
        .unwrap();

    let rows: Vec<(String, Option<String>, Option<String>)> =
        sqlx::query_as("SELECT action, before, after FROM audit_log ORDER BY id")
            .fetch_all(t.db.pool())
            .await
            .unwrap();
    let trail: String = rows
        .iter()
        .map(|(a, b, c)| {
            format!(
                "{a} {} {}\n",
                b.as_deref().unwrap_or(""),
                c.as_deref().unwrap_or("")
            )
        })
        .collect();
    for clear in [
        "3514011208900003",
        "3514015208900002",
        "3514015208900009",
        "Bangil",
        "Lumajang",
        "Probolinggo",
        "1990-08-12",
        "12-08-1990",
        "1990-08-13",
        "13-08-1990",
        "Melati",
        "Krajan",
        "Asri",
        "085711112222",
        "0857-1111-2222",
        "081234567890",
        "081399998888",
        "contoh.invalid",
        "kursi roda",
        "Tunanetra",
    ] {
        assert!(
            !trail.contains(clear),
            "{clear} is in the audit trail:\n{trail}"
        );
    }
    let (_, before, after) = rows
        .iter()
        .find(|(a, _, _)| a == "applicant.update")
        .unwrap();
    let before: serde_json::Value = serde_json::from_str(before.as_deref().unwrap()).unwrap();
    let after: serde_json::Value = serde_json::from_str(after.as_deref().unwrap()).unwrap();
    for field in [
        "nik",
        "tempat_lahir",
        "tanggal_lahir",
        "alamat",
        "telepon",
        "email",
        "disability",
    ] {
        assert_eq!(before[field], "(disamarkan)", "{field}: {before}");
        assert_eq!(after[field], "(diubah)", "{field}: {after}");
    }
    // The name is printed in announcements anyway: the trail keeps it.
    assert_eq!(after["nama"], "Siti Nur'aini Rahma");
    let d = detail(&t.db, &admin, saved.id, now()).await.unwrap();
    assert_eq!(d.draft.fields.nik, "3514015208900009");
    assert_eq!(d.draft.fields.email, "siti.baru@contoh.invalid");
}
