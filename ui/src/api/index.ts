// The only way the UI talks to the core: typed Tauri commands. A command name
// or argument that does not exist fails to compile.
import { type Channel, invoke } from "@tauri-apps/api/core";

import type { AboutInfo } from "../bindings/AboutInfo";
import type { AnswerImport } from "../bindings/AnswerImport";
import type { CardFilter } from "../bindings/CardFilter";
import type { KeyView } from "../bindings/KeyView";
import type { MarkingPreview } from "../bindings/MarkingPreview";
import type { MarkingSettings } from "../bindings/MarkingSettings";
import type { PaperTest } from "../bindings/PaperTest";
import type { Account } from "../bindings/Account";
import type { AdminVerdict } from "../bindings/AdminVerdict";
import type { ApplicantDetail } from "../bindings/ApplicantDetail";
import type { ApplicantImport } from "../bindings/ApplicantImport";
import type { ApplicantPage } from "../bindings/ApplicantPage";
import type { ApplicantQuery } from "../bindings/ApplicantQuery";
import type { Attachment } from "../bindings/Attachment";
import type { AuditPage } from "../bindings/AuditPage";
import type { AuditQuery } from "../bindings/AuditQuery";
import type { BackupEntry } from "../bindings/BackupEntry";
import type { StandingOption } from "../bindings/StandingOption";
import type { ChainHead } from "../bindings/ChainHead";
import type { ChainReport } from "../bindings/ChainReport";
import type { DocVerdict } from "../bindings/DocVerdict";
import type { ErrorPayload } from "../bindings/ErrorPayload";
import type { ExportedList } from "../bindings/ExportedList";
import type { ExportFormat } from "../bindings/ExportFormat";
import type { ExtensionUnit } from "../bindings/ExtensionUnit";
import type { FieldProblem } from "../bindings/FieldProblem";
import type { HomeView } from "../bindings/HomeView";
import type { ImportProgress } from "../bindings/ImportProgress";
import type { KabupatenChoice } from "../bindings/KabupatenChoice";
import type { KindTexts } from "../bindings/KindTexts";
import type { ListRequest } from "../bindings/ListRequest";
import type { KecamatanOption } from "../bindings/KecamatanOption";
import type { LeaveInput } from "../bindings/LeaveInput";
import type { HolderLeaveInput } from "../bindings/HolderLeaveInput";
import type { AppointmentInput } from "../bindings/AppointmentInput";
import type { SeatHolderView } from "../bindings/SeatHolderView";
import type { UnitSituation } from "../bindings/UnitSituation";
import type { NewAccount } from "../bindings/NewAccount";
import type { Outcome } from "../bindings/Outcome";
import type { PartyCheck } from "../bindings/PartyCheck";
import type { PartyCheckMethod } from "../bindings/PartyCheckMethod";
import type { PartyHit } from "../bindings/PartyHit";
import type { PartyImport } from "../bindings/PartyImport";
import type { PartyListState } from "../bindings/PartyListState";
import type { Placeholder } from "../bindings/Placeholder";
import type { PresetChoice } from "../bindings/PresetChoice";
import type { Problems } from "../bindings/Problems";
import type { Reconciliation } from "../bindings/Reconciliation";
import type { Aspect } from "../bindings/Aspect";
import type { AspectView } from "../bindings/AspectView";
import type { InterviewCard } from "../bindings/InterviewCard";
import type { InterviewSetup } from "../bindings/InterviewSetup";
import type { NewInterviewer } from "../bindings/NewInterviewer";
import type { PanelImport } from "../bindings/PanelImport";
import type { PanelSchedule } from "../bindings/PanelSchedule";
import type { ScoreCell } from "../bindings/ScoreCell";
import type { FileReceipt } from "../bindings/FileReceipt";
import type { SavedMapping } from "../bindings/SavedMapping";
import type { SheetChoice } from "../bindings/SheetChoice";
import type { SheetMapping } from "../bindings/SheetMapping";
import type { SheetPreview } from "../bindings/SheetPreview";
import type { PublicationItem } from "../bindings/PublicationItem";
import type { PublicationKind } from "../bindings/PublicationKind";
import type { NumberingPreview } from "../bindings/NumberingPreview";
import type { PublicationSettings } from "../bindings/PublicationSettings";
import type { QuotaDashboard } from "../bindings/QuotaDashboard";
import type { NumbersGiven } from "../bindings/NumbersGiven";
import type { Participant } from "../bindings/Participant";
import type { RoomInput } from "../bindings/RoomInput";
import type { SeatMove } from "../bindings/SeatMove";
import type { SeatsAssigned } from "../bindings/SeatsAssigned";
import type { SessionInput } from "../bindings/SessionInput";
import type { SiteChange } from "../bindings/SiteChange";
import type { TestSchedule } from "../bindings/TestSchedule";
import type { AttendanceClosed } from "../bindings/AttendanceClosed";
import type { AttendanceView } from "../bindings/AttendanceView";
import type { ClosingPreview } from "../bindings/ClosingPreview";
import type { ScanAnswer } from "../bindings/ScanAnswer";
import type { VenueInput } from "../bindings/VenueInput";
import type { RegistrationCheck } from "../bindings/RegistrationCheck";
import type { Evaluation } from "../bindings/Evaluation";
import type { KeepInput } from "../bindings/KeepInput";
import type { Member } from "../bindings/Member";
import type { MemberRef } from "../bindings/MemberRef";
import type { MemberTerm } from "../bindings/MemberTerm";
import type { PersonHistory } from "../bindings/PersonHistory";
import type { ReportInput } from "../bindings/ReportInput";
import type { Takeover } from "../bindings/Takeover";
import type { RegistrationDraft } from "../bindings/RegistrationDraft";
import type { RegistrationResult } from "../bindings/RegistrationResult";
import type { RequirementInput } from "../bindings/RequirementInput";
import type { RequirementList } from "../bindings/RequirementList";
import type { ResponseInput } from "../bindings/ResponseInput";
import type { ResponseView } from "../bindings/ResponseView";
import type { RestoreCheck } from "../bindings/RestoreCheck";
import type { Role } from "../bindings/Role";
import type { RoundDraft } from "../bindings/RoundDraft";
import type { RoundSettings } from "../bindings/RoundSettings";
import type { RoundSummary } from "../bindings/RoundSummary";
import type { ScoreImport } from "../bindings/ScoreImport";
import type { ScoreSheet } from "../bindings/ScoreSheet";
import type { ScoreSheetChoice } from "../bindings/ScoreSheetChoice";
import type { ScoreSheetPreview } from "../bindings/ScoreSheetPreview";
import type { SelectionRow } from "../bindings/SelectionRow";
import type { Session } from "../bindings/Session";
import type { SessionStatus } from "../bindings/SessionStatus";
import type { SetupStatus } from "../bindings/SetupStatus";
import type { Stage } from "../bindings/Stage";
import type { StageClosed } from "../bindings/StageClosed";
import type { Texts } from "../bindings/Texts";
import type { Timeline } from "../bindings/Timeline";
import type { UnitMembers } from "../bindings/UnitMembers";
import type { UnitProgress } from "../bindings/UnitProgress";
import type { UnitQuotaList } from "../bindings/UnitQuotaList";
import type { VerificationView } from "../bindings/VerificationView";

/** The documents' settings as the desktop shell sends them. */
/** A file the desktop shell wrote and handed to the system's viewer. */
export interface Written {
  path: string;
  /** Why the viewer could not be started (the file is written). */
  not_opened: string | null;
}

export interface PublicationSettingsView {
  settings: PublicationSettings;
  /** The logo as a data URL, for the preview. */
  logo: string | null;
  placeholders: Placeholder[];
  /** Whether this user may change them (Administrator). */
  editable: boolean;
}

/** Every command of the desktop shell: its arguments and its result. */
export interface Commands {
  setup_status: { args: Record<string, never>; result: SetupStatus };
  search_kabupaten: { args: { query: string }; result: KabupatenChoice[] };
  complete_first_run: { args: { kabupaten: string | null; admin: NewAccount }; result: Session };
  login: { args: { username: string; password: string }; result: Session };
  logout: { args: Record<string, never>; result: null };
  current_session: { args: Record<string, never>; result: SessionStatus };
  keep_alive: { args: Record<string, never>; result: null };
  lock_session: { args: Record<string, never>; result: null };
  unlock_session: { args: { password: string }; result: Session };
  home: { args: { election: string | null }; result: HomeView };
  about: { args: Record<string, never>; result: AboutInfo };
  round_presets: { args: Record<string, never>; result: PresetChoice[] };
  create_round: { args: { draft: RoundDraft }; result: RoundSummary };
  /** The rule settings of a round, changed before anyone registers. */
  update_round_settings: { args: { roundId: number; settings: RoundSettings }; result: RoundSummary };
  /** The draft with its whole schedule moved so registration starts on `firstDay` (ISO). */
  shift_round_schedule: { args: { draft: RoundDraft; firstDay: string }; result: RoundDraft };
  /** The draft's dates already past today, each under its field. */
  round_draft_past_dates: { args: { draft: RoundDraft }; result: FieldProblem[] };
  unit_quotas: { args: { roundId: number }; result: UnitQuotaList };
  set_unit_quota: {
    args: { roundId: number; unitCode: string; quota: number | null; reason: string };
    result: UnitQuotaList;
  };
  list_accounts: { args: Record<string, never>; result: Account[] };
  create_account: { args: { input: NewAccount; role: Role }; result: Account };
  set_account_active: { args: { username: string; active: boolean }; result: null };
  set_account_role: { args: { username: string; role: Role }; result: null };
  reset_account_password: { args: { username: string; password: string }; result: null };
  unlock_account: { args: { username: string }; result: null };
  change_own_password: { args: { current: string; newPassword: string }; result: null };
  audit_status: { args: Record<string, never>; result: ChainReport | null };
  list_audit: { args: { query: AuditQuery }; result: AuditPage };
  export_audit_csv: { args: { query: AuditQuery }; result: number | null };
  audit_head: { args: Record<string, never>; result: ChainHead };
  verify_printed_audit: { args: { entries: string; hash: string }; result: ChainReport };
  set_idle_minutes: { args: { minutes: number }; result: null };
  import_party_list: { args: Record<string, never>; result: PartyImport | null };
  party_hits: { args: Record<string, never>; result: PartyHit[] };
  party_list_state: { args: { roundId: number }; result: PartyListState };
  record_party_check: { args: { roundId: number; method: PartyCheckMethod; note: string }; result: PartyCheck };
  clear_party_check: { args: { roundId: number }; result: null };
  list_regions: { args: Record<string, never>; result: KecamatanOption[] };
  check_registration: {
    args: { roundId: number; draft: RegistrationDraft; editing: number | null };
    result: RegistrationCheck;
  };
  register_applicant: { args: { roundId: number; draft: RegistrationDraft }; result: RegistrationResult };
  update_applicant: { args: { id: number; draft: RegistrationDraft }; result: RegistrationResult };
  withdraw_applicant: { args: { id: number; reason: string }; result: null };
  applicant_detail: { args: { id: number }; result: ApplicantDetail };
  list_applicants: { args: { query: ApplicantQuery }; result: ApplicantPage };
  /** The standings an applicant can have, with labels (the list's filter). */
  standing_options: { args: Record<string, never>; result: StandingOption[] };
  import_applicants: {
    args: { roundId: number; onProgress: Channel<ImportProgress> };
    result: ApplicantImport | null;
  };
  /** Asks for a spreadsheet and previews it with the mapping proposed (or the one saved as `saved`); null if cancelled. */
  pick_applicant_sheet: {
    args: { roundId: number; saved: string | null; online: boolean };
    result: { name: string; preview: SheetPreview } | null;
  };
  preview_applicant_sheet: { args: { roundId: number; choice: SheetChoice }; result: SheetPreview };
  import_applicant_sheet: {
    args: { roundId: number; choice: SheetChoice; onProgress: Channel<ImportProgress> };
    result: ApplicantImport;
  };
  list_sheet_mappings: { args: Record<string, never>; result: SavedMapping[] };
  save_sheet_mapping: {
    args: { name: string; mapping: SheetMapping; headers: string[] };
    result: SavedMapping;
  };
  delete_sheet_mapping: { args: { name: string }; result: null };
  /** Online registrations and paper files; `unit` narrows it to a kecamatan or desa. */
  reconciliation: { args: { roundId: number; unit: string | null }; result: Reconciliation };
  /** Records an online applicant's paper file as received now. */
  receive_files: { args: { applicantId: number }; result: FileReceipt };
  cancel_file_receipt: { args: { applicantId: number }; result: null };
  interview_setup: { args: { roundId: number }; result: InterviewSetup };
  /** Before the first panel score only. */
  set_interview_aspects: { args: { roundId: number; aspects: Aspect[] }; result: AspectView[] };
  add_interview_panel: {
    args: { roundId: number; name: string; room: string; interviewers: NewInterviewer[] };
    result: number;
  };
  delete_interview_panel: { args: { panelId: number }; result: null };
  /** How many candidates were given a panel. */
  assign_interview_panels: { args: { roundId: number }; result: number };
  interview_schedule: { args: { roundId: number }; result: PanelSchedule[] };
  interview_card: { args: { roundId: number; applicantId: number }; result: InterviewCard };
  record_interview_scores: {
    args: { roundId: number; applicantId: number; cells: ScoreCell[] };
    result: InterviewCard;
  };
  /** A file dialog opens first; null when it was cancelled. */
  import_interview_scores: { args: { roundId: number }; result: PanelImport | null };
  save_interview_form: { args: { roundId: number; applicantId: number }; result: Written | null };
  /** Writes the problems as the core listed them, with a last row saying how many more there were. */
  save_import_problems: { args: { problems: Problems }; result: boolean };
  /** Asks where to save the registration receipt PDF, writes it and opens it; the path, or null if cancelled. */
  /** Asks where to save the receipt, writes it and opens it; null if cancelled. */
  save_receipt: { args: { id: number }; result: Written | null };
  /** Writes the receipt to cetak/ beside the database and opens it in the PDF viewer (to print). */
  print_receipt: { args: { id: number }; result: Written };
  verification_view: { args: { id: number }; result: VerificationView };
  record_document_check: {
    args: { applicantId: number; code: string; verdict: DocVerdict; reason: string };
    result: VerificationView;
  };
  set_admin_override: {
    args: { applicantId: number; verdict: AdminVerdict | null; reason: string };
    result: VerificationView;
  };
  set_needs_fix: { args: { applicantId: number; needsFix: boolean; note: string }; result: VerificationView };
  verification_progress: { args: { roundId: number }; result: UnitProgress[] };
  next_unchecked: { args: { roundId: number; after: number | null }; result: number | null };
  close_stage: { args: { roundId: number; stage: Stage }; result: StageClosed };
  reopen_stage: { args: { roundId: number; stage: Stage; reason: string }; result: null };
  attach_scan: { args: { applicantId: number; code: string }; result: Attachment | null };
  list_scans: { args: { applicantId: number }; result: Attachment[] };
  /** Opens a scan in the system's viewer; why not, when no viewer could be started. */
  open_scan: { args: { sha256: string }; result: string | null };
  requirement_list: { args: { roundId: number }; result: RequirementList };
  save_requirement: { args: { roundId: number; input: RequirementInput }; result: RequirementList };
  /** An image scan as a data: URL to show in the app; null for a PDF (use open_scan). */
  scan_image: { args: { sha256: string }; result: string | null };
  stage_timeline: { args: { roundId: number }; result: Timeline };
  open_stage: { args: { roundId: number; stage: Stage }; result: null };
  extension_list: { args: { roundId: number }; result: ExtensionUnit[] };
  /** Returns the end date (YYYY-MM-DD); endsOn null means today + the round's extension days. */
  extend_registration: { args: { roundId: number; units: string[]; endsOn: string | null }; result: string };
  /** The units go on without (another) extension; returns them as they now stand. */
  decide_without_extension: { args: { roundId: number; units: string[]; reason: string }; result: ExtensionUnit[] };
  score_sheet: { args: { roundId: number; stage: Stage; unit: string | null }; result: ScoreSheet };
  /** Empty mark clears it; returns the mark as stored ("78,50", "absen" or ""). */
  record_mark: { args: { roundId: number; stage: Stage; applicantId: number; mark: string }; result: string };
  /** Asks for a score sheet (xlsx, xls, ods, csv) and previews it with the mapping proposed; null if cancelled. */
  pick_score_sheet: {
    args: { roundId: number; stage: Stage };
    result: { name: string; preview: ScoreSheetPreview } | null;
  };
  preview_score_sheet: { args: { roundId: number; stage: Stage; choice: ScoreSheetChoice }; result: ScoreSheetPreview };
  /** All rows or none: the problems when refused. */
  import_score_sheet: { args: { roundId: number; stage: Stage; choice: ScoreSheetChoice }; result: ScoreImport };
  /** A paper written test: keys per version, scoring settings, sheets imported. */
  paper_test: { args: { roundId: number }; result: PaperTest };
  save_answer_key: { args: { roundId: number; version: string; key: string }; result: KeyView };
  delete_answer_key: { args: { roundId: number; version: string }; result: null };
  save_marking_settings: { args: { roundId: number; settings: MarkingSettings }; result: MarkingSettings };
  /** Asks for an answer file and imports it, all rows or none; null if cancelled. */
  pick_answer_sheets: { args: { roundId: number }; result: { name: string; import: AnswerImport } | null };
  marking_preview: { args: { roundId: number }; result: MarkingPreview };
  /** All marks or none: the problems when refused. */
  store_paper_marks: { args: { roundId: number }; result: ScoreImport };
  selection_results: { args: { roundId: number; stage: Stage; unit: string | null }; result: SelectionRow[] };
  quota_dashboard: { args: { roundId: number }; result: QuotaDashboard };
  test_schedule: { args: { roundId: number }; result: TestSchedule };
  /** Participants with number and seat, numbered ones in number order; one venue's with venueId. */
  test_participants: { args: { roundId: number; venueId: number | null }; result: Participant[] };
  /** Adds (id null) or changes a venue. */
  save_test_venue: { args: { roundId: number; id: number | null; input: VenueInput }; result: SiteChange };
  delete_test_venue: { args: { id: number }; result: SiteChange };
  save_test_room: { args: { venueId: number; id: number | null; input: RoomInput }; result: SiteChange };
  delete_test_room: { args: { id: number }; result: SiteChange };
  save_test_session: { args: { roundId: number; id: number | null; input: SessionInput }; result: SiteChange };
  delete_test_session: { args: { id: number }; result: SiteChange };
  /** Returns the first number as the new format makes it. */
  set_participant_number_format: { args: { roundId: number; format: string }; result: string };
  give_participant_numbers: { args: { roundId: number }; result: NumbersGiven };
  /** All or nothing: a shortage of seats is refused with how many are missing. */
  assign_seats: { args: { roundId: number }; result: SeatsAssigned };
  move_participant: { args: { roundId: number; seatMove: SeatMove }; result: null };
  /** The announcement of the schedule (PDF); the first one publishes it. Null if the dialog was cancelled. */
  export_test_schedule: { args: { roundId: number; paper: "a4" | "f4"; number: string | null }; result: Written | null };
  /** Attendance at the written test: counts per room and session, and each participant's record. */
  test_attendance: { args: { roundId: number }; result: AttendanceView };
  /** A participant number typed or scanned: the participant to confirm, or the refusal (not an error). */
  record_attendance: { args: { roundId: number; number: string }; result: ScanAnswer };
  mark_participant_absent: { args: { roundId: number; number: string; reason: string }; result: null };
  undo_attendance: { args: { roundId: number; number: string; reason: string }; result: null };
  /** Who closing the attendance of a session (all when null) makes absent. */
  attendance_closing_preview: { args: { roundId: number; sessionId: number | null }; result: ClosingPreview };
  close_attendance: { args: { roundId: number; sessionId: number | null }; result: AttendanceClosed };
  /** The daftar hadir (PDF): one room and/or session, or all; null if cancelled. */
  export_attendance_list: {
    args: { roundId: number; roomId: number | null; sessionId: number | null; paper: "a4" | "f4" };
    result: Written | null;
  };
  /** The Berita Acara Pelaksanaan Tes Tertulis (PDF); null if cancelled. */
  export_attendance_report: { args: { roundId: number; paper: "a4" | "f4"; number: string | null }; result: Written | null };
  /** Participant cards (PDF, eight to a sheet or one to a page) of those the filter chooses. Null if cancelled. */
  /** A photo (JPG, PNG) picked and attached for the participant's card; null if cancelled. */
  upload_participant_photo: { args: { applicantId: number }; result: Attachment | null };
  export_participant_cards: {
    args: { roundId: number; filter: CardFilter; onePerPage: boolean };
    result: Written | null;
  };
  /**
   * Builds a list (the core checks the role and that it fits the format), asks where to save it and
   * writes it; the rows and the path, or null if cancelled.
   */
  export_list: { args: { list: ListRequest; format: ExportFormat }; result: ExportedList | null };
  decide_tie: { args: { roundId: number; ordered: number[]; note: string }; result: null };
  list_responses: { args: { roundId: number }; result: ResponseView[] };
  /** With attach, a file dialog opens first; null when it was cancelled. */
  record_response: { args: { input: ResponseInput; attach: boolean }; result: ResponseView | null };
  clarify_response: { args: { id: number; text: string }; result: ResponseView };
  decide_response: { args: { id: number; outcome: Outcome; reason: string }; result: ResponseView };
  /** Fails (validation) before the final results are settled. */
  unit_members: { args: { roundId: number; unit: string | null }; result: UnitMembers[] };
  record_leave: { args: { roundId: number; leave: LeaveInput }; result: UnitMembers };
  /** A seat holder's (appointed or kept member's) departure. */
  record_holder_leave: { args: { roundId: number; leave: HolderLeaveInput }; result: UnitMembers };
  /** Every unit's situation and next step (extensions, appointment). */
  unit_situations: { args: { roundId: number }; result: UnitSituation[] };
  seat_holders: { args: { roundId: number }; result: SeatHolderView[] };
  /** Pimpinan; refused before the unit's extensions are used up and beyond the seats left. */
  appoint_member: { args: { roundId: number; input: AppointmentInput }; result: SeatHolderView };
  cancel_appointment: { args: { roundId: number; holderId: number; reason: string }; result: null };
  confirm_replacement: {
    args: { roundId: number; pawId: number; replacementId: number; note: string };
    result: UnitMembers;
  };
  /** Members kept from an earlier round (dilanjutkan); with fromRoundId, its members unit by unit. */
  takeover_view: { args: { roundId: number; fromRoundId: number | null }; result: Takeover };
  /** Pimpinan; all or none; while the round takes registrations. */
  keep_members: { args: { roundId: number; input: KeepInput }; result: Takeover };
  cancel_kept_member: { args: { holderId: number; reason: string }; result: Takeover };
  /** The members of a round now, with monthly reports counted and the end-of-term evaluation. */
  round_members: { args: { roundId: number }; result: Member[] };
  member_term: { args: { roundId: number; member: MemberRef }; result: MemberTerm };
  /** The help desk; during the term. */
  record_member_report: { args: { roundId: number; input: ReportInput }; result: MemberTerm };
  /** Pimpinan; during the term or after. */
  evaluate_member: { args: { roundId: number; member: MemberRef; evaluation: Evaluation }; result: MemberTerm };
  /** Everything recorded of a NIK across rounds. */
  person_history: { args: { nik: string }; result: PersonHistory };
  /** Every official document of a round, and whether its stage is closed. */
  publication_list: { args: { roundId: number }; result: PublicationItem[] };
  /** Makes a document, asks where to save it and opens it; null if cancelled. */
  export_publication: {
    args: { roundId: number; kind: PublicationKind; unit: string | null; paper: "a4" | "f4"; number: string | null };
    result: Written | null;
  };
  publication_settings: { args: Record<string, never>; result: PublicationSettingsView };
  save_publication_settings: { args: { settings: PublicationSettings }; result: PublicationSettings };
  /** A numbering template's first number this year and what the core would refuse in it. */
  preview_numbering: { args: { template: string }; result: NumberingPreview };
  /** A file dialog for a PNG/JPEG logo; false when cancelled. */
  upload_logo: { args: Record<string, never>; result: boolean };
  remove_logo: { args: Record<string, never>; result: null };
  publication_texts: { args: Record<string, never>; result: KindTexts[] };
  save_publication_texts: { args: { kind: PublicationKind; texts: Texts }; result: null };
  reset_publication_texts: { args: { kind: PublicationKind }; result: null };
  /** The automatic backups (cadangan/ beside the database), newest first. Administrator. */
  backup_list: { args: Record<string, never>; result: BackupEntry[] };
  /**
   * A backup now: into cadangan/, or (toFolder) a folder picked in a dialog, sealed with
   * `passphrase` when given (errors on field kata_sandi_cadangan); null if cancelled.
   */
  backup_now: { args: { toFolder: boolean; passphrase?: string | null }; result: BackupEntry | null };
  /** Asks for a backup file (.db or sealed .tar.age); null if cancelled. */
  pick_backup_file: { args: Record<string, never>; result: string | null };
  /**
   * Checks a backup file without changing anything; a sealed one needs its passphrase (without it:
   * an error on field kata_sandi_cadangan).
   */
  inspect_backup: { args: { path: string; passphrase?: string | null }; result: RestoreCheck };
  /** Restores a checked backup; the current database is kept as a backup and the session ends. */
  restore_backup: { args: { path: string; fromElsewhere: boolean; passphrase?: string | null }; result: RestoreCheck };
}

export type CommandName = keyof Commands;

/** Calls a command. Failures are thrown as an {@link ErrorPayload}. */
export async function call<K extends CommandName>(
  command: K,
  ...args: Commands[K]["args"] extends Record<string, never> ? [] : [Commands[K]["args"]]
): Promise<Commands[K]["result"]> {
  try {
    return await invoke<Commands[K]["result"]>(command, args[0] ?? {});
  } catch (e) {
    const payload = toErrorPayload(e);
    if (payload.code === "session_locked") {
      // The core refused because the session is locked: show the lock screen.
      window.dispatchEvent(new CustomEvent(SESSION_LOCKED_EVENT));
    }
    if (payload.code === "forbidden" || payload.code === "unauthenticated") {
      // The account may have changed since the login (another role, or
      // deactivated): the shell reads the session again.
      window.dispatchEvent(new CustomEvent(SESSION_CHECK_EVENT));
    }
    throw payload;
  }
}

/** Dispatched on `window` whenever the core answers that the session is locked. */
export const SESSION_LOCKED_EVENT = "adhoc:session-locked";

/** Dispatched on `window` whenever the core refuses for want of a role or a session. */
export const SESSION_CHECK_EVENT = "adhoc:session-check";

export function isErrorPayload(e: unknown): e is ErrorPayload {
  return typeof e === "object" && e !== null && "code" in e && "message" in e;
}

/** Whatever was thrown, as something with a message staff can read. */
export function toErrorPayload(e: unknown): ErrorPayload {
  if (isErrorPayload(e)) return e;
  const message = e instanceof Error ? e.message : String(e);
  return { code: "internal", message: `Terjadi kesalahan tak terduga: ${message}`, field: null };
}

export type { ErrorPayload };
