//! Documents in and out: CSV files staff import (and, later, PDFs).

pub mod applicants_csv;
pub mod csv_in;
#[doc(hidden)]
pub mod fuzz;
pub mod scores_csv;
