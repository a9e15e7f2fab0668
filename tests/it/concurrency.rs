//! Writers that meet wait for each other instead of failing: every use
//! case that writes takes SQLite's write lock when it begins
//! (`Db::begin_write`, `BEGIN IMMEDIATE`), so a reader turned writer never
//! meets a snapshot that changed under it (SQLITE_BUSY_SNAPSHOT, which the
//! busy timeout does not retry).

use crate::common;

use adhoc::domain::account::Role;
use adhoc::domain::round::{Body, Preset};
use adhoc::service::applicants::import;
use adhoc::service::rounds::{create_from_preset, set_unit_quota};
use common::{as_role, now, ready_db};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_import_and_quota_changes_at_the_same_time_both_succeed() {
    let (t, admin) = ready_db().await;
    let desk = as_role(&admin, Role::Operator);
    let round = create_from_preset(&t.db, &admin, Preset::Pemilu2024, Body::Pps, None, now())
        .await
        .unwrap();
    let mut csv = String::from(
        "nik,nama,jenis_kelamin,tempat_lahir,tanggal_lahir,alamat,kode_desa,pendidikan,telepon,email,kode_wilayah_tugas\n",
    );
    for i in 1..=3_208 {
        csv.push_str(&format!(
            "351401120890{i:04},Pendaftar {i},L,Pasuruan,12-08-1990,Dusun Krajan,35.14.01.2001,SMA,,,35.14.01.2001\n"
        ));
    }
    // Quota changes, one after another, for as long as the import runs
    // (reading, checking, writing).
    let done = std::sync::Arc::new(std::sync::atomic::AtomicBool::new(false));
    let (db, id, until) = (t.db.clone(), round.id, done.clone());
    let changing = tokio::spawn(async move {
        let mut changed = 0u32;
        while !until.load(std::sync::atomic::Ordering::SeqCst) || changed == 0 {
            let quota = Some(3 + changed % 3);
            set_unit_quota(
                &db,
                &admin,
                id,
                "35.14.01.2001",
                quota,
                "Tambahan kebutuhan",
                now(),
            )
            .await
            .map_err(|e| format!("quota change {changed} failed beside the import: {e}"))?;
            changed += 1;
            // Another user's pace, not a loop that never lets go of the lock.
            tokio::time::sleep(std::time::Duration::from_millis(5)).await;
        }
        Ok::<u32, String>(changed)
    });
    let report = import(&t.db, &desk, round.id, csv.as_bytes(), now()).await;
    done.store(true, std::sync::atomic::Ordering::SeqCst);
    let changed = changing.await.unwrap().unwrap();
    let report =
        report.unwrap_or_else(|e| panic!("the import failed beside {changed} quota changes: {e}"));
    assert!(report.is_stored(), "{:?}", report.problems.listed.first());
    assert_eq!(report.stored, 3_208);
    assert!(
        changed > 1,
        "the quota changed while the import ran ({changed} times)"
    );
}
