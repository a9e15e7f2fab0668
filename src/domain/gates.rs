//! Stage gates: whether a round takes an applicant now.
//!
//! Every way an applicant enters a round (the help-desk form, a CSV import,
//! the spreadsheet import to come) asks this one function, so they cannot
//! disagree: registration takes applicants while its stage is open; after
//! it closes, only a unit whose extension (perpanjangan) runs until today or
//! later still does, and only until the administrative stage closes.

use chrono::NaiveDate;

use crate::domain::round::Stage;

/// Why a round does not take an applicant (for a unit, on a day).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum RegistrationRefusal {
    /// Registration is the current stage but has not been opened.
    NotOpened,
    /// The round is past the window in which extensions take applicants.
    Closed { current: Stage },
    /// Registration closed and this unit was never extended.
    NotExtended,
    /// The unit's extension ended before today.
    ExtensionEnded { ended_on: NaiveDate },
}

impl RegistrationRefusal {
    /// Whether the refusal holds for every unit of the round (a whole
    /// import is refused), not only for some.
    pub fn whole_round(&self) -> bool {
        matches!(
            self,
            RegistrationRefusal::NotOpened | RegistrationRefusal::Closed { .. }
        )
    }

    /// What staff read, naming the round.
    pub fn message(&self, round_name: &str) -> String {
        match self {
            RegistrationRefusal::NotOpened => {
                format!("Pendaftaran {round_name} belum dibuka; pimpinan membukanya di halaman Seleksi.")
            }
            RegistrationRefusal::Closed { current } => format!(
                "Pendaftaran {round_name} sudah ditutup (tahap sekarang: {}); tidak ada pendaftar yang dapat ditambahkan.",
                current.label()
            ),
            RegistrationRefusal::NotExtended => format!(
                "Pendaftaran {round_name} sudah ditutup dan wilayah ini tidak diperpanjang; pendaftar hanya dapat ditambahkan di wilayah yang sedang diperpanjang."
            ),
            RegistrationRefusal::ExtensionEnded { ended_on } => format!(
                "Perpanjangan pendaftaran {round_name} untuk wilayah ini sudah berakhir pada {}.",
                ended_on.format("%d-%m-%Y")
            ),
        }
    }
}

/// Whether a round at `current` (opened or not) takes an applicant for a
/// unit whose latest extension ends on `extension_ends` (none when never
/// extended), on `today`.
pub fn registration(
    current: Stage,
    stage_open: bool,
    extension_ends: Option<NaiveDate>,
    today: NaiveDate,
) -> Result<(), RegistrationRefusal> {
    match current {
        Stage::Pendaftaran if stage_open => Ok(()),
        Stage::Pendaftaran => Err(RegistrationRefusal::NotOpened),
        Stage::Administrasi => match extension_ends {
            None => Err(RegistrationRefusal::NotExtended),
            Some(end) if end < today => Err(RegistrationRefusal::ExtensionEnded { ended_on: end }),
            Some(_) => Ok(()),
        },
        later => Err(RegistrationRefusal::Closed { current: later }),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    #[test]
    fn registration_takes_applicants_while_open_and_in_a_running_extension() {
        assert_eq!(registration(Stage::Pendaftaran, true, None, day(3)), Ok(()));
        assert_eq!(
            registration(Stage::Pendaftaran, false, None, day(3)),
            Err(RegistrationRefusal::NotOpened)
        );
        // After the close: only a unit extended until today or later.
        assert_eq!(
            registration(Stage::Administrasi, true, None, day(3)),
            Err(RegistrationRefusal::NotExtended)
        );
        assert_eq!(
            registration(Stage::Administrasi, false, Some(day(3)), day(3)),
            Ok(())
        );
        assert_eq!(
            registration(Stage::Administrasi, true, Some(day(2)), day(3)),
            Err(RegistrationRefusal::ExtensionEnded { ended_on: day(2) })
        );
        // From the written test on, never, extension or not.
        for stage in &Stage::ALL[2..] {
            let refusal = registration(*stage, true, Some(day(9)), day(3)).unwrap_err();
            assert_eq!(refusal, RegistrationRefusal::Closed { current: *stage });
            assert!(refusal.whole_round());
            assert!(refusal
                .message("Pemilu 2024 – PPK")
                .contains("sudah ditutup"));
        }
        assert!(!RegistrationRefusal::NotExtended.whole_round());
    }
}
