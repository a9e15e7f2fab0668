//! Reconciling online registrations with the paper files the help desk
//! receives.
//!
//! For the 2024 elections applicants registered online in SIAKBA and then
//! brought their paper files to the KPU office; offices counted both and
//! chased the difference (one kabupaten: 1,010 online registrations, 869
//! files received). Here an application carries two facts: whether it is on
//! an imported online list, and whether its paper file was received (an
//! applicant typed in at the help desk brings it, so theirs is received as
//! they register). From those two facts each application stands in one of
//! three places, and the reconciliation is the count of each with the two
//! lists staff act on: online without a file (call them), and a file with no
//! online registration (ask them to register online, or accept it).

use serde::Serialize;
use ts_rs::TS;

/// Where one application stands between the online list and the desk.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, TS)]
#[serde(rename_all = "snake_case")]
#[ts(export)]
pub enum FileStanding {
    /// On the online list and its file received.
    Lengkap,
    /// On the online list, its file not received yet.
    MenungguBerkas,
    /// Its file received at the desk, not on any online list.
    TanpaDaring,
}

impl FileStanding {
    /// The place of an application that is (or is not) `online` and whose
    /// file is (or is not) `received`. An application that is neither was
    /// imported from an online list whose file receipt was cancelled: it
    /// waits for its file like any other online registration.
    pub fn of(online: bool, received: bool) -> FileStanding {
        match (online, received) {
            (true, true) => FileStanding::Lengkap,
            (false, true) => FileStanding::TanpaDaring,
            (_, false) => FileStanding::MenungguBerkas,
        }
    }

    /// As staff say it.
    pub fn label(self) -> &'static str {
        match self {
            FileStanding::Lengkap => "Daring, berkas diterima",
            FileStanding::MenungguBerkas => "Daring, berkas belum diterima",
            FileStanding::TanpaDaring => "Berkas tanpa pendaftaran daring",
        }
    }
}

/// How many applications stand in each place.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, TS)]
#[ts(export)]
pub struct FileCounts {
    /// On the online list (with a file or without).
    pub online: u32,
    /// Paper files received (online or not).
    pub received: u32,
    pub lengkap: u32,
    pub menunggu_berkas: u32,
    pub tanpa_daring: u32,
}

impl FileCounts {
    /// The counts of `standings`.
    pub fn of(standings: impl IntoIterator<Item = FileStanding>) -> FileCounts {
        let mut c = FileCounts::default();
        for s in standings {
            match s {
                FileStanding::Lengkap => c.lengkap += 1,
                FileStanding::MenungguBerkas => c.menunggu_berkas += 1,
                FileStanding::TanpaDaring => c.tanpa_daring += 1,
            }
        }
        c.online = c.lengkap + c.menunggu_berkas;
        c.received = c.lengkap + c.tanpa_daring;
        c
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;

    #[test]
    fn each_pair_of_facts_has_its_place() {
        assert_eq!(FileStanding::of(true, true), FileStanding::Lengkap);
        assert_eq!(FileStanding::of(true, false), FileStanding::MenungguBerkas);
        assert_eq!(FileStanding::of(false, true), FileStanding::TanpaDaring);
        assert_eq!(FileStanding::of(false, false), FileStanding::MenungguBerkas);
    }

    #[test]
    fn the_counts_of_the_kabupaten_that_chased_141_files() {
        // 1,010 online registrations, 869 files received from them, and 12
        // files brought by people not on the list.
        let standings = std::iter::repeat_n(FileStanding::Lengkap, 869)
            .chain(std::iter::repeat_n(FileStanding::MenungguBerkas, 141))
            .chain(std::iter::repeat_n(FileStanding::TanpaDaring, 12));
        let c = FileCounts::of(standings);
        assert_eq!((c.online, c.received), (1_010, 881));
        assert_eq!(
            (c.lengkap, c.menunggu_berkas, c.tanpa_daring),
            (869, 141, 12)
        );
    }

    proptest! {
        /// Every application is counted once, and the two totals add up to
        /// the places they are made of.
        #[test]
        fn counts_partition_the_applications(facts in proptest::collection::vec((any::<bool>(), any::<bool>()), 0..200)) {
            let c = FileCounts::of(facts.iter().map(|&(o, r)| FileStanding::of(o, r)));
            prop_assert_eq!((c.lengkap + c.menunggu_berkas + c.tanpa_daring) as usize, facts.len());
            prop_assert_eq!(c.online as usize, facts.iter().filter(|(o, r)| *o || !*r).count());
            prop_assert_eq!(c.received as usize, facts.iter().filter(|(_, r)| *r).count());
        }
    }
}
