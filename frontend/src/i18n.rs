//! Every UI string in English and French. Messages are an enum and `text` matches on it
//! exhaustively, so a string cannot exist in one language only. The choice is remembered
//! in localStorage and defaults to the browser's language.

use leptos::prelude::*;

use crate::browser;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Lang {
    En,
    Fr,
}

impl Lang {
    fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::Fr => "fr",
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Msg {
    SignIn,
    #[cfg(feature = "clients")]
    SignInTitle,
    WritersTitle,
    StaffTitle,
    Email,
    Password,
    DisplayName,
    PasswordHint,
    CreateAccount,
    #[cfg(feature = "clients")]
    CreateAccountTitle,
    #[cfg(feature = "clients")]
    HaveAccount,
    NoAccount,
    SigningIn,
    #[cfg(feature = "clients")]
    Creating,
    SignOut,
    #[cfg(feature = "clients")]
    Home,
    Dashboard,
    Overview,
    Profile,
    Menu,
    #[cfg(any(feature = "clients", feature = "staff", feature = "writers"))]
    Welcome,
    #[cfg(feature = "clients")]
    YourSites,
    #[cfg(feature = "clients")]
    NoSitesYet,
    #[cfg(any(feature = "staff", feature = "writers"))]
    AssignedTenants,
    #[cfg(feature = "staff")]
    AllTenants,
    #[cfg(feature = "staff")]
    NoTenants,
    Role,
    EmailShort,
    MemberSince,
    Loading,
    Retry,
    InvalidCredentials,
    HintClientsElsewhere,
    #[cfg(feature = "clients")]
    HintTeamElsewhere,
    TooManyAttempts,
    Suspended,
    NetworkError,
    SessionEnded,
    SiteUnavailable,
    WrongApp,
    WrongAppExplain,
    EmailTaken,
    FieldRequired,
    FieldInvalidEmail,
    FieldTooShort,
    FieldTooLong,
    FieldBlank,
    FieldInvalidCharacters,
    NotFound,
    BackHome,
    #[cfg(feature = "clients")]
    Questions,
    SwitchLanguage,
    OtherLanguage,
    RoleClient,
    RoleWriter,
    RoleEditor,
    RoleSupport,
    RoleAdmin,
    RoleSuperadmin,
    #[cfg(feature = "clients")]
    NewSiteWizard,
    #[cfg(feature = "clients")]
    NewSiteWizardHint,
    #[cfg(feature = "clients")]
    ModeRapide,
    #[cfg(feature = "clients")]
    ModeRapideHint,
    #[cfg(feature = "clients")]
    ContinueStep,
    #[cfg(any(feature = "clients", feature = "staff"))]
    OpenSite,
    #[cfg(feature = "clients")]
    Step,
    StatusDraft,
    StatusQueued,
    StatusDeploying,
    StatusLive,
    StatusFailed,
    StatusStopped,
    #[cfg(feature = "clients")]
    BusinessName,
    Industry,
    SiteLanguage,
    #[cfg(feature = "clients")]
    AboutBusiness,
    #[cfg(feature = "clients")]
    Tagline,
    #[cfg(feature = "clients")]
    PrimaryColor,
    #[cfg(feature = "clients")]
    AccentColor,
    #[cfg(feature = "clients")]
    Font,
    #[cfg(feature = "clients")]
    Optional,
    #[cfg(any(feature = "clients", feature = "staff"))]
    ContactEmail,
    #[cfg(feature = "clients")]
    StartBuilding,
    #[cfg(feature = "clients")]
    WriteMySite,
    #[cfg(feature = "clients")]
    WritingSite,
    #[cfg(feature = "clients")]
    Back,
    #[cfg(feature = "clients")]
    Next,
    #[cfg(feature = "clients")]
    Finish,
    Notifications,
    Unread,
    New,
    MarkAllRead,
    NoNotifications,
    Older,
    NotificationSettings,
    InApp,
    ByEmail,
    What,
    Saved,
    Saving,
    #[cfg(feature = "clients")]
    FixToSave,
    #[cfg(any(feature = "clients", feature = "writers"))]
    SaveFailed,
    Preview,
    PreviewUnavailable,
    Page,
    #[cfg(feature = "clients")]
    AddPage,
    #[cfg(feature = "clients")]
    Remove,
    #[cfg(feature = "clients")]
    PageTitle,
    #[cfg(feature = "clients")]
    PageSlug,
    #[cfg(feature = "clients")]
    Regenerate,
    #[cfg(feature = "clients")]
    Regenerating,
    #[cfg(feature = "clients")]
    UndoRegenerate,
    #[cfg(feature = "clients")]
    WhatChanged,
    #[cfg(feature = "clients")]
    NoChange,
    #[cfg(feature = "clients")]
    ImageUrl,
    #[cfg(feature = "clients")]
    AltText,
    #[cfg(feature = "clients")]
    AddImage,
    #[cfg(feature = "clients")]
    Logo,
    #[cfg(feature = "clients")]
    NoLogo,
    #[cfg(feature = "clients")]
    MediaHint,
    #[cfg(feature = "clients")]
    Phone,
    #[cfg(feature = "clients")]
    Street,
    #[cfg(feature = "clients")]
    PostalCode,
    #[cfg(feature = "clients")]
    City,
    #[cfg(feature = "clients")]
    Country,
    #[cfg(feature = "clients")]
    SeoTitle,
    #[cfg(feature = "clients")]
    SeoDescription,
    #[cfg(feature = "clients")]
    ReviewReady,
    #[cfg(feature = "clients")]
    ReviewProblems,
    #[cfg(feature = "clients")]
    EditSite,
    #[cfg(feature = "clients")]
    SiteAddress,
    #[cfg(feature = "clients")]
    DeleteSite,
    #[cfg(feature = "clients")]
    ConfirmDelete,
    #[cfg(feature = "clients")]
    AwaitingReview,
    #[cfg(feature = "clients")]
    Template,
    InvalidColor,
    InvalidSlug,
    InvalidLink,
    InvalidImage,
    DuplicateSlug,
    TooMany,
    SlugTaken,
    GeneratorUnavailable,
    LogConnecting,
    LogLive,
    LogReconnecting,
    LogEnded,
    FollowLog,
    #[cfg(feature = "clients")]
    Deploy,
    #[cfg(feature = "clients")]
    Deploying,
    #[cfg(any(feature = "clients", feature = "staff"))]
    Deployments,
    #[cfg(feature = "clients")]
    NoDeployments,
    #[cfg(feature = "clients")]
    Rollback,
    #[cfg(feature = "clients")]
    CancelDeployment,
    #[cfg(feature = "clients")]
    InQueue,
    #[cfg(feature = "clients")]
    AboutSeconds,
    #[cfg(feature = "clients")]
    Seconds,
    #[cfg(feature = "clients")]
    VisitSite,
    #[cfg(feature = "clients")]
    SiteIsLive,
    #[cfg(feature = "clients")]
    Duration,
    #[cfg(feature = "clients")]
    Started,
    StepRender,
    StepPackage,
    StepStart,
    StepHealth,
    StepSwitch,
    StepRetire,
    DepQueued,
    DepRunning,
    DepLive,
    DepFailed,
    DepCancelled,
    DepTimedOut,
    DepSuperseded,
    DepRolledBack,
    DepRetired,
    OsDraft,
    OsAwaitingPayment,
    OsOpen,
    OsAssigned,
    OsSubmitted,
    OsInReview,
    OsRevisionRequested,
    OsDelivered,
    OsCompleted,
    OsCancelled,
    OsRefunded,
    OsDisputed,
    OsResolved,
    EvPlace,
    EvConfirmPayment,
    EvClaim,
    EvAssign,
    EvDrop,
    EvSubmit,
    EvStartReview,
    EvRequestRevision,
    EvApprove,
    EvAccept,
    EvAutoAccept,
    EvDispute,
    EvResolve,
    EvCancel,
    EvRefund,
    EmptyDraft,
    #[cfg(feature = "staff")]
    AddDomain,
    #[cfg(feature = "staff")]
    LogoUpload,
    ReviewQueue,
    #[cfg(feature = "staff")]
    NothingToReview,
    #[cfg(feature = "staff")]
    GeneratedText,
    #[cfg(feature = "staff")]
    Open,
    SitesAndQueue,
    #[cfg(feature = "staff")]
    LiveLogTitle,
    #[cfg(feature = "staff")]
    Close,
    #[cfg(feature = "staff")]
    QueueEmpty,
    #[cfg(feature = "staff")]
    Redeploy,
    #[cfg(feature = "staff")]
    Stop,
    #[cfg(feature = "staff")]
    Start,
    #[cfg(feature = "staff")]
    StopConfirm,
    Team,
    #[cfg(feature = "staff")]
    AddMember,
    #[cfg(feature = "staff")]
    OtherOutcome,
    #[cfg(feature = "staff")]
    Health,
    #[cfg(feature = "staff")]
    Database,
    #[cfg(feature = "staff")]
    Cache,
    #[cfg(feature = "staff")]
    Queue,
    #[cfg(feature = "staff")]
    Runtime,
    #[cfg(feature = "staff")]
    LiveSites,
    #[cfg(feature = "staff")]
    OpenOrders,
    #[cfg(feature = "staff")]
    Queued,
    #[cfg(feature = "staff")]
    FailedToday,
    Analytics,
    #[cfg(feature = "staff")]
    Period,
    #[cfg(feature = "staff")]
    SuccessRate,
    #[cfg(feature = "staff")]
    DeploymentsPerDay,
    #[cfg(feature = "staff")]
    WentLive,
    #[cfg(feature = "staff")]
    Failed,
    #[cfg(feature = "staff")]
    MedianTimeToLive,
    #[cfg(feature = "staff")]
    OrderValuePerDay,
    #[cfg(feature = "staff")]
    OrdersByStatus,
    #[cfg(feature = "staff")]
    WriterThroughput,
    Websites,
    #[cfg(feature = "staff")]
    NewWebsite,
    #[cfg(feature = "staff")]
    Slug,
    #[cfg(feature = "staff")]
    Domain,
    #[cfg(feature = "staff")]
    ThemeColor,
    #[cfg(feature = "staff")]
    Currency,
    #[cfg(feature = "staff")]
    WebsiteActive,
    Customers,
    #[cfg(feature = "staff")]
    NoCustomers,
    #[cfg(feature = "staff")]
    SitesCount,
    #[cfg(feature = "staff")]
    StatusActive,
    #[cfg(feature = "staff")]
    StatusSuspended,
    #[cfg(feature = "staff")]
    Suspend,
    #[cfg(feature = "staff")]
    Reactivate,
    #[cfg(feature = "staff")]
    Unlock,
    #[cfg(feature = "staff")]
    SuspendConfirm,
    #[cfg(feature = "staff")]
    Activity,
    #[cfg(feature = "staff")]
    NoActivity,
    AuditLog,
    #[cfg(feature = "staff")]
    PerWord,
    #[cfg(feature = "staff")]
    WriterLevel,
    Catalogue,
    #[cfg(feature = "staff")]
    NewEntry,
    #[cfg(feature = "staff")]
    Code,
    #[cfg(feature = "staff")]
    EntryName,
    #[cfg(feature = "staff")]
    Description,
    #[cfg(feature = "staff")]
    PricePerWord,
    #[cfg(feature = "staff")]
    MinWords,
    #[cfg(feature = "staff")]
    MaxWords,
    #[cfg(feature = "staff")]
    TurnaroundsHint,
    #[cfg(feature = "staff")]
    Edit,
    #[cfg(feature = "staff")]
    Withdraw,
    #[cfg(feature = "writers")]
    PayoutLine,
    PayoutApproved,
    PayoutRejected,
    PayoutRequested,
    Length,
    OrderMoved,
    Late,
    NoOrders,
    Words,
    Service,
    Price,
    Deadline,
    Website,
    Brief,
    WhatShouldChange,
    Cancel,
    Timeline,
    Versions,
    KindEdit,
    KindSubmission,
    Messages,
    WriteMessage,
    Send,
    AttachFile,
    Orders,
    #[cfg(any(feature = "clients", feature = "staff"))]
    Billing,
    #[cfg(feature = "billing")]
    YourPlan,
    #[cfg(feature = "billing")]
    PeriodEnds,
    #[cfg(feature = "billing")]
    MovesTo,
    #[cfg(feature = "billing")]
    BillingSuspendedNote,
    #[cfg(feature = "billing")]
    Usage,
    #[cfg(any(feature = "billing", feature = "money"))]
    Unlimited,
    #[cfg(any(feature = "billing", feature = "money"))]
    QuotaSites,
    #[cfg(any(feature = "billing", feature = "money"))]
    QuotaLiveSites,
    #[cfg(any(feature = "billing", feature = "money"))]
    QuotaDeployments,
    #[cfg(any(feature = "billing", feature = "money"))]
    QuotaStorage,
    #[cfg(any(feature = "billing", feature = "money"))]
    QuotaDomains,
    #[cfg(any(feature = "billing", feature = "money"))]
    QuotaGenerated,
    #[cfg(any(feature = "billing", feature = "money"))]
    Plans,
    #[cfg(any(feature = "billing", feature = "money"))]
    PerMonth,
    #[cfg(feature = "billing")]
    CurrentPlan,
    #[cfg(feature = "billing")]
    SwitchPlan,
    #[cfg(any(feature = "billing", feature = "money"))]
    Balance,
    #[cfg(any(feature = "billing", feature = "money"))]
    Invoices,
    #[cfg(any(feature = "billing", feature = "money"))]
    NoInvoices,
    #[cfg(any(feature = "billing", feature = "money"))]
    InvoicePaid,
    #[cfg(any(feature = "billing", feature = "money"))]
    InvoiceOpen,
    #[cfg(any(feature = "billing", feature = "money"))]
    InvoiceVoid,
    #[cfg(feature = "billing")]
    PayByTransfer,
    #[cfg(feature = "billing")]
    PayFromBalance,
    #[cfg(feature = "billing")]
    PayByCard,
    #[cfg(feature = "billing")]
    DownloadPdf,
    #[cfg(feature = "clients")]
    NewOrder,
    #[cfg(feature = "clients")]
    OrderTitle,
    #[cfg(any(feature = "clients", feature = "staff"))]
    Turnaround,
    #[cfg(feature = "clients")]
    ForSection,
    #[cfg(feature = "clients")]
    PlaceOrder,
    #[cfg(feature = "clients")]
    ApplyToSite,
    #[cfg(feature = "clients")]
    AppliedToSite,
    #[cfg(feature = "writers")]
    EarnedThisMonth,
    Earnings,
    AvailableOrders,
    #[cfg(feature = "writers")]
    AvailableHint,
    #[cfg(feature = "writers")]
    ActiveOrders,
    #[cfg(any(feature = "staff", feature = "writers"))]
    All,
    #[cfg(any(feature = "staff", feature = "writers"))]
    Search,
    #[cfg(any(feature = "staff", feature = "writers"))]
    Level,
    #[cfg(feature = "writers")]
    YouEarn,
    MyOrders,
    #[cfg(feature = "writers")]
    YourText,
    #[cfg(feature = "writers")]
    Unsaved,
    #[cfg(feature = "writers")]
    SavedState,
    #[cfg(feature = "writers")]
    Earned,
    #[cfg(feature = "writers")]
    Paid,
    #[cfg(feature = "writers")]
    Pending,
    #[cfg(feature = "writers")]
    Available,
    #[cfg(feature = "writers")]
    RequestPayout,
    #[cfg(feature = "writers")]
    PayoutFrom,
    Payouts,
    #[cfg(feature = "writers")]
    Ledger,
    #[cfg(feature = "staff")]
    Status,
    #[cfg(feature = "staff")]
    EditText,
    #[cfg(feature = "staff")]
    SaveEdit,
    #[cfg(feature = "staff")]
    RejectReason,
    #[cfg(feature = "staff")]
    Approve,
    #[cfg(feature = "staff")]
    Reject,
    ForgotPassword,
    ForgotTitle,
    ForgotExplain,
    SendLink,
    Sending,
    ResetSent,
    NewPasswordTitle,
    NewPassword,
    SavePassword,
    AskNewLink,
    BackToSignIn,
    InvalidResetLink,
    #[cfg(feature = "clients")]
    CheckInbox,
    #[cfg(feature = "clients")]
    ConfirmEmailBanner,
    SendAgain,
    LinkSentAgain,
    ConfirmEmailTitle,
    ConfirmMyAddress,
    InvalidVerificationLink,
    EmailUnverified,
    YourDetails,
    Language,
    LanguageEn,
    LanguageFr,
    Save,
    ChangePassword,
    CurrentPassword,
    PasswordChanged,
    WrongPassword,
    ChangeEmail,
    NewEmail,
    EmailChangeSent,
    PendingEmail,
    NotConfirmed,
    Devices,
    ThisDevice,
    LastUsed,
    SignOutDevice,
    SignOutEverywhere,
    SameAddress,
    Busy,
    #[cfg(feature = "billing")]
    ReferralCode,
    #[cfg(any(feature = "billing", feature = "money"))]
    PromoCode,
    #[cfg(feature = "billing")]
    PointsToUse,
    #[cfg(feature = "billing")]
    Apply,
    #[cfg(any(feature = "billing", feature = "money"))]
    DiscountApplied,
    #[cfg(any(feature = "billing", feature = "money"))]
    PointsApplied,
    #[cfg(feature = "billing")]
    LoyaltyPoints,
    #[cfg(feature = "billing")]
    PointsWorth,
    #[cfg(feature = "billing")]
    PointsExpire,
    #[cfg(feature = "billing")]
    PointsEarnRate,
    #[cfg(feature = "billing")]
    NoPointsYet,
    #[cfg(feature = "billing")]
    PtEarned,
    #[cfg(feature = "billing")]
    PtRedeemed,
    #[cfg(feature = "billing")]
    PtReturned,
    #[cfg(feature = "billing")]
    PtExpired,
    #[cfg(feature = "billing")]
    PtReversed,
    #[cfg(feature = "billing")]
    ReferFriends,
    #[cfg(feature = "billing")]
    ReferralExplain,
    #[cfg(feature = "billing")]
    CopyLink,
    #[cfg(feature = "billing")]
    Copied,
    #[cfg(feature = "billing")]
    ReferralPending,
    #[cfg(feature = "billing")]
    ReferralCredited,
    #[cfg(feature = "billing")]
    ReferredBy,
    #[cfg(feature = "billing")]
    ReferredAlready,
    #[cfg(feature = "billing")]
    ContentPackages,
    #[cfg(feature = "billing")]
    PackagesExplain,
    #[cfg(feature = "billing")]
    NoPackages,
    #[cfg(feature = "billing")]
    NewPackage,
    #[cfg(feature = "billing")]
    PackageName,
    #[cfg(feature = "billing")]
    PerPeriod,
    #[cfg(feature = "billing")]
    PkActive,
    #[cfg(feature = "billing")]
    PkPaused,
    #[cfg(feature = "billing")]
    PkCancelled,
    #[cfg(feature = "billing")]
    Pause,
    #[cfg(feature = "billing")]
    Resume,
    #[cfg(feature = "billing")]
    CancelPackage,
    #[cfg(feature = "billing")]
    OrdersOpened,
    #[cfg(feature = "money")]
    Revenue,
    #[cfg(feature = "money")]
    Mrr,
    #[cfg(feature = "money")]
    PayingCustomers,
    #[cfg(feature = "money")]
    Outstanding,
    #[cfg(feature = "money")]
    Overdue,
    #[cfg(feature = "money")]
    RevenueByMonth,
    #[cfg(feature = "money")]
    PendingTransfers,
    #[cfg(feature = "money")]
    NoPendingTransfers,
    #[cfg(feature = "money")]
    ConfirmTransfer,
    #[cfg(feature = "money")]
    RefundAmount,
    #[cfg(feature = "money")]
    RefundReason,
    #[cfg(feature = "money")]
    ToBalance,
    #[cfg(feature = "money")]
    RefundAction,
    #[cfg(feature = "money")]
    Refunded,
    #[cfg(feature = "money")]
    PromoCodes,
    #[cfg(feature = "money")]
    NewPromo,
    #[cfg(feature = "money")]
    PromoPercent,
    #[cfg(feature = "money")]
    PromoFixed,
    #[cfg(feature = "money")]
    PromoValue,
    #[cfg(feature = "money")]
    MaxUses,
    #[cfg(feature = "money")]
    PerCustomer,
    #[cfg(feature = "money")]
    FirstPurchaseOnly,
    #[cfg(feature = "money")]
    Uses,
    #[cfg(feature = "money")]
    Deactivate,
    #[cfg(feature = "money")]
    Activate,
    #[cfg(feature = "money")]
    Inactive,
    #[cfg(feature = "money")]
    PlansAndQuotas,
    #[cfg(feature = "money")]
    NewPlan,
    #[cfg(feature = "money")]
    PlanPrice,
    #[cfg(feature = "money")]
    LimitsHint,
    #[cfg(feature = "money")]
    DefaultPlan,
    #[cfg(feature = "money")]
    BillingSettingsTitle,
    #[cfg(feature = "money")]
    VatRate,
    #[cfg(feature = "money")]
    PricesIncludeVat,
    #[cfg(feature = "money")]
    InvoicePrefix,
    #[cfg(feature = "money")]
    GraceDays,
    #[cfg(feature = "money")]
    BankDetails,
    #[cfg(feature = "money")]
    PointsPerUnit,
    #[cfg(feature = "money")]
    PointValue,
    #[cfg(feature = "money")]
    PointsExpireDays,
    #[cfg(feature = "money")]
    ReferralReward,
    #[cfg(feature = "money")]
    SettingsSaved,
}

impl Msg {
    /// (English, French)
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Msg::SignIn => ("Sign in", "Se connecter"),
            #[cfg(feature = "clients")]
            Msg::SignInTitle => ("Sign in to your account", "Connectez-vous à votre compte"),
            Msg::WritersTitle => ("Writers' workspace", "Espace rédacteurs"),
            Msg::StaffTitle => ("Staff console", "Console de l'équipe"),
            Msg::Email => ("E-mail address", "Adresse e-mail"),
            Msg::Password => ("Password", "Mot de passe"),
            Msg::DisplayName => ("Your name", "Votre nom"),
            Msg::PasswordHint => ("At least 10 characters.", "Au moins 10 caractères."),
            Msg::CreateAccount => ("Create an account", "Créer un compte"),
            #[cfg(feature = "clients")]
            Msg::CreateAccountTitle => ("Create your account", "Créez votre compte"),
            #[cfg(feature = "clients")]
            Msg::HaveAccount => ("Already have an account?", "Vous avez déjà un compte ?"),
            Msg::ForgotPassword => ("Forgot your password?", "Mot de passe oublié ?"),
            Msg::ForgotTitle => ("Reset your password", "Réinitialiser votre mot de passe"),
            Msg::ForgotExplain => (
                "Enter the address of your account: we will send it a link to choose a new password.",
                "Saisissez l'adresse de votre compte : nous y enverrons un lien pour choisir un nouveau mot de passe.",
            ),
            Msg::SendLink => ("Send the link", "Envoyer le lien"),
            Msg::Sending => ("Sending…", "Envoi…"),
            Msg::ResetSent => (
                "If an account uses this address, a link is on its way. It works once, for one hour.",
                "Si un compte utilise cette adresse, un lien est en route. Il fonctionne une fois, pendant une heure.",
            ),
            Msg::NewPasswordTitle => ("Choose a new password", "Choisissez un nouveau mot de passe"),
            Msg::NewPassword => ("New password", "Nouveau mot de passe"),
            Msg::SavePassword => ("Save and sign in", "Enregistrer et se connecter"),
            Msg::AskNewLink => ("Ask for a new link", "Demander un nouveau lien"),
            Msg::BackToSignIn => ("Back to sign-in", "Retour à la connexion"),
            Msg::InvalidResetLink => (
                "This link has expired or was already used. Ask for a new one.",
                "Ce lien a expiré ou a déjà servi. Demandez-en un nouveau.",
            ),
            #[cfg(feature = "clients")]
            Msg::CheckInbox => (
                "Check your inbox: we sent a mail to this address. Open it to go on.",
                "Consultez votre boîte de réception : nous avons envoyé un message à cette adresse. Ouvrez-le pour continuer.",
            ),
            #[cfg(feature = "clients")]
            Msg::ConfirmEmailBanner => (
                "Confirm your e-mail address to publish sites and order texts: open the link we mailed you.",
                "Confirmez votre adresse e-mail pour publier vos sites et commander des textes : ouvrez le lien que nous vous avons envoyé.",
            ),
            Msg::SendAgain => ("Send the link again", "Renvoyer le lien"),
            Msg::LinkSentAgain => ("A new link is on its way.", "Un nouveau lien est en route."),
            Msg::ConfirmEmailTitle => ("Confirm your e-mail address", "Confirmez votre adresse e-mail"),
            Msg::ConfirmMyAddress => ("Confirm my address", "Confirmer mon adresse"),
            Msg::InvalidVerificationLink => (
                "This link has expired or was already used. Sign in and ask for a new one from your profile.",
                "Ce lien a expiré ou a déjà servi. Connectez-vous et demandez-en un nouveau depuis votre profil.",
            ),
            Msg::EmailUnverified => (
                "Confirm your e-mail address first: open the link we mailed you, or ask for a new one from your profile.",
                "Confirmez d'abord votre adresse e-mail : ouvrez le lien envoyé, ou demandez-en un nouveau depuis votre profil.",
            ),
            Msg::YourDetails => ("Your details", "Vos informations"),
            Msg::Language => ("Language", "Langue"),
            Msg::LanguageEn => ("English", "Anglais"),
            Msg::LanguageFr => ("French", "Français"),
            Msg::Save => ("Save", "Enregistrer"),
            Msg::ChangePassword => ("Change your password", "Changer de mot de passe"),
            Msg::CurrentPassword => ("Current password", "Mot de passe actuel"),
            Msg::PasswordChanged => (
                "Your password was changed, and your other devices were signed out.",
                "Votre mot de passe a été changé, et vos autres appareils ont été déconnectés.",
            ),
            Msg::WrongPassword => ("This is not your current password.", "Ce n'est pas votre mot de passe actuel."),
            Msg::ChangeEmail => ("Change your e-mail address", "Changer d'adresse e-mail"),
            Msg::NewEmail => ("New e-mail address", "Nouvelle adresse e-mail"),
            Msg::EmailChangeSent => (
                "We sent a link to the new address. Your address changes once you open it.",
                "Nous avons envoyé un lien à la nouvelle adresse. Votre adresse changera quand vous l'ouvrirez.",
            ),
            Msg::PendingEmail => ("Waiting for confirmation:", "En attente de confirmation :"),
            Msg::NotConfirmed => ("not confirmed yet", "pas encore confirmée"),
            Msg::Devices => ("Signed-in devices", "Appareils connectés"),
            Msg::ThisDevice => ("This device", "Cet appareil"),
            Msg::LastUsed => ("Last used", "Dernière utilisation"),
            Msg::SignOutDevice => ("Sign out this device", "Déconnecter cet appareil"),
            Msg::SignOutEverywhere => ("Sign out everywhere", "Se déconnecter partout"),
            Msg::SameAddress => ("This is already your address.", "C'est déjà votre adresse."),
            Msg::Busy => (
                "The server is busy. Please try again in a moment.",
                "Le serveur est occupé. Réessayez dans un instant.",
            ),
            Msg::NoAccount => ("New here?", "Nouveau ici ?"),
            Msg::SigningIn => ("Signing in…", "Connexion…"),
            #[cfg(feature = "clients")]
            Msg::Creating => ("Creating your account…", "Création du compte…"),
            Msg::SignOut => ("Sign out", "Se déconnecter"),
            #[cfg(feature = "clients")]
            Msg::Home => ("Home", "Accueil"),
            Msg::Dashboard => ("Dashboard", "Tableau de bord"),
            Msg::Overview => ("Overview", "Vue d'ensemble"),
            Msg::Profile => ("Profile", "Profil"),
            Msg::Menu => ("Menu", "Menu"),
            #[cfg(any(feature = "clients", feature = "staff", feature = "writers"))]
            Msg::Welcome => ("Welcome", "Bienvenue"),
            #[cfg(feature = "clients")]
            Msg::YourSites => ("Your sites", "Vos sites"),
            #[cfg(feature = "clients")]
            Msg::NoSitesYet => (
                "You have no sites yet. Build one step by step, or let Mode Rapide write it for you.",
                "Vous n'avez pas encore de site. Créez-le pas à pas, ou laissez le Mode Rapide l'écrire pour vous.",
            ),
            #[cfg(any(feature = "staff", feature = "writers"))]
            Msg::AssignedTenants => ("Websites you work for", "Sites pour lesquels vous travaillez"),
            #[cfg(feature = "staff")]
            Msg::AllTenants => ("Every website (superadmin)", "Tous les sites (superadmin)"),
            #[cfg(feature = "staff")]
            Msg::NoTenants => (
                "You are not assigned to any website yet. An administrator can assign you.",
                "Vous n'êtes encore affecté à aucun site. Un administrateur peut vous affecter.",
            ),
            Msg::Role => ("Role", "Rôle"),
            Msg::EmailShort => ("E-mail", "E-mail"),
            Msg::MemberSince => ("Member since", "Membre depuis"),
            Msg::Loading => ("Loading…", "Chargement…"),
            Msg::Retry => ("Try again", "Réessayer"),
            Msg::InvalidCredentials => {
                ("The e-mail address or password is incorrect.", "L'adresse e-mail ou le mot de passe est incorrect.")
            }
            Msg::HintClientsElsewhere => (
                "Clients sign in on their website's own address, not here.",
                "Les clients se connectent à l'adresse de leur propre site, pas ici.",
            ),
            #[cfg(feature = "clients")]
            Msg::HintTeamElsewhere => (
                "Team members and writers sign in on their own workspace.",
                "Les membres de l'équipe et les rédacteurs se connectent sur leur propre espace.",
            ),
            Msg::TooManyAttempts => (
                "Too many attempts. Please wait a few minutes before trying again.",
                "Trop de tentatives. Patientez quelques minutes avant de réessayer.",
            ),
            Msg::Suspended => (
                "This account is suspended. Contact support to restore it.",
                "Ce compte est suspendu. Contactez le support pour le rétablir.",
            ),
            Msg::NetworkError => (
                "Could not reach the server. Check your connection and try again.",
                "Impossible de joindre le serveur. Vérifiez votre connexion et réessayez.",
            ),
            Msg::SessionEnded => (
                "Your session has ended. Please sign in again.",
                "Votre session a pris fin. Veuillez vous reconnecter.",
            ),
            Msg::SiteUnavailable => ("This website is not available.", "Ce site n'est pas disponible."),
            Msg::WrongApp => ("This workspace is not for your account", "Cet espace n'est pas destiné à votre compte"),
            Msg::WrongAppExplain => (
                "You are signed in with an account that belongs elsewhere. Sign out, then use your own workspace:",
                "Vous êtes connecté avec un compte qui appartient à un autre espace. Déconnectez-vous puis utilisez le vôtre :",
            ),
            Msg::EmailTaken => (
                "An account with this e-mail address already exists. Sign in instead.",
                "Un compte existe déjà avec cette adresse e-mail. Connectez-vous plutôt.",
            ),
            Msg::FieldRequired => ("This field is required.", "Ce champ est obligatoire."),
            Msg::FieldInvalidEmail => (
                "Enter a valid e-mail address, like name@example.com.",
                "Saisissez une adresse e-mail valide, par exemple nom@exemple.fr.",
            ),
            Msg::FieldTooShort => ("Use at least 10 characters.", "Utilisez au moins 10 caractères."),
            Msg::FieldTooLong => ("This is too long.", "C'est trop long."),
            Msg::FieldBlank => ("It cannot be only spaces.", "Il ne peut pas contenir que des espaces."),
            Msg::FieldInvalidCharacters => ("Remove the control characters.", "Retirez les caractères de contrôle."),
            Msg::NotFound => ("Page not found", "Page introuvable"),
            Msg::BackHome => ("Back to the start", "Retour à l'accueil"),
            #[cfg(feature = "clients")]
            Msg::Questions => ("Questions? Write to", "Des questions ? Écrivez à"),
            Msg::SwitchLanguage => ("Change language", "Changer de langue"),
            // The button names the language it switches to, in that language.
            Msg::OtherLanguage => ("Français", "English"),
            Msg::RoleClient => ("Client", "Client"),
            Msg::RoleWriter => ("Writer", "Rédacteur"),
            Msg::RoleEditor => ("Editor", "Éditeur"),
            Msg::RoleSupport => ("Support", "Support"),
            Msg::RoleAdmin => ("Administrator", "Administrateur"),
            Msg::RoleSuperadmin => ("Superadmin", "Superadmin"),
            #[cfg(feature = "clients")]
            Msg::NewSiteWizard => ("Build step by step", "Créer pas à pas"),
            #[cfg(feature = "clients")]
            Msg::NewSiteWizardHint => {
                ("Eight short steps, with a live preview as you go.", "Huit étapes courtes, avec un aperçu en direct.")
            }
            #[cfg(feature = "clients")]
            Msg::ModeRapide => ("Mode Rapide", "Mode Rapide"),
            #[cfg(feature = "clients")]
            Msg::ModeRapideHint => (
                "One form: your whole site, written for you in seconds.",
                "Un seul formulaire : tout votre site, rédigé pour vous en quelques secondes.",
            ),
            #[cfg(feature = "clients")]
            Msg::ContinueStep => ("Continue", "Continuer"),
            #[cfg(any(feature = "clients", feature = "staff"))]
            Msg::OpenSite => ("Open", "Ouvrir"),
            #[cfg(feature = "clients")]
            Msg::Step => ("Step", "Étape"),
            Msg::StatusDraft => ("Draft", "Brouillon"),
            Msg::StatusQueued => ("Queued", "En file d'attente"),
            Msg::StatusDeploying => ("Deploying", "Déploiement"),
            Msg::StatusLive => ("Live", "En ligne"),
            Msg::StatusFailed => ("Failed", "Échec"),
            Msg::StatusStopped => ("Stopped", "Arrêté"),
            #[cfg(feature = "clients")]
            Msg::BusinessName => ("Business name", "Nom de l'entreprise"),
            Msg::Industry => ("Industry", "Secteur"),
            Msg::SiteLanguage => ("Language of the site", "Langue du site"),
            #[cfg(feature = "clients")]
            Msg::AboutBusiness => ("A sentence or two about your business", "Une phrase ou deux sur votre activité"),
            #[cfg(feature = "clients")]
            Msg::Tagline => ("Tagline", "Slogan"),
            #[cfg(feature = "clients")]
            Msg::PrimaryColor => ("Main colour", "Couleur principale"),
            #[cfg(feature = "clients")]
            Msg::AccentColor => ("Accent colour", "Couleur d'accent"),
            #[cfg(feature = "clients")]
            Msg::Font => ("Font", "Police"),
            #[cfg(feature = "clients")]
            Msg::Optional => ("optional", "facultatif"),
            #[cfg(any(feature = "clients", feature = "staff"))]
            Msg::ContactEmail => ("Contact e-mail", "E-mail de contact"),
            #[cfg(feature = "clients")]
            Msg::StartBuilding => ("Start building", "Commencer"),
            #[cfg(feature = "clients")]
            Msg::WriteMySite => ("Write my site", "Écrire mon site"),
            #[cfg(feature = "clients")]
            Msg::WritingSite => ("Writing your site…", "Rédaction de votre site…"),
            #[cfg(feature = "clients")]
            Msg::Back => ("Back", "Retour"),
            #[cfg(feature = "clients")]
            Msg::Next => ("Next", "Suivant"),
            #[cfg(feature = "clients")]
            Msg::Finish => ("Finish and deploy", "Terminer et déployer"),
            Msg::Notifications => ("Notifications", "Notifications"),
            Msg::Unread => ("unread", "non lues"),
            Msg::New => ("New", "Nouveau"),
            Msg::MarkAllRead => ("Mark all as read", "Tout marquer comme lu"),
            Msg::NoNotifications => (
                "Nothing new: you will find here what happens to your work.",
                "Rien de nouveau : vous trouverez ici ce qui arrive à votre travail.",
            ),
            Msg::Older => ("Show older", "Voir les plus anciennes"),
            Msg::NotificationSettings => ("What you hear of, and where", "Ce dont vous êtes averti, et où"),
            Msg::InApp => ("In the app", "Dans l'application"),
            Msg::ByEmail => ("By e-mail", "Par e-mail"),
            Msg::What => ("What happens", "Ce qui arrive"),
            Msg::Saved => ("All changes saved", "Modifications enregistrées"),
            Msg::Saving => ("Saving…", "Enregistrement…"),
            #[cfg(feature = "clients")]
            Msg::FixToSave => ("Fix the highlighted fields to save", "Corrigez les champs signalés pour enregistrer"),
            #[cfg(any(feature = "clients", feature = "writers"))]
            Msg::SaveFailed => ("Not saved:", "Non enregistré :"),
            Msg::Preview => ("Preview", "Aperçu"),
            Msg::PreviewUnavailable => (
                "The preview appears once the site's fields are valid.",
                "L'aperçu s'affiche dès que les champs du site sont valides.",
            ),
            Msg::Page => ("Page", "Page"),
            #[cfg(feature = "clients")]
            Msg::AddPage => ("Add a page", "Ajouter une page"),
            #[cfg(feature = "clients")]
            Msg::Remove => ("Remove", "Retirer"),
            #[cfg(feature = "clients")]
            Msg::PageTitle => ("Title", "Titre"),
            #[cfg(feature = "clients")]
            Msg::PageSlug => ("Address", "Adresse"),
            #[cfg(feature = "clients")]
            Msg::Regenerate => ("Write again", "Réécrire"),
            #[cfg(feature = "clients")]
            Msg::Regenerating => ("Writing…", "Rédaction…"),
            #[cfg(feature = "clients")]
            Msg::UndoRegenerate => ("Undo", "Annuler"),
            #[cfg(feature = "clients")]
            Msg::WhatChanged => ("What changed", "Ce qui a changé"),
            #[cfg(feature = "clients")]
            Msg::NoChange => {
                ("The generator wrote the same text; try again.", "Le générateur a écrit le même texte ; réessayez.")
            }
            #[cfg(feature = "clients")]
            Msg::ImageUrl => ("Image address (https://…)", "Adresse de l'image (https://…)"),
            #[cfg(feature = "clients")]
            Msg::AltText => ("Description for screen readers", "Description pour les lecteurs d'écran"),
            #[cfg(feature = "clients")]
            Msg::AddImage => ("Add an image", "Ajouter une image"),
            #[cfg(feature = "clients")]
            Msg::Logo => ("Logo", "Logo"),
            #[cfg(feature = "clients")]
            Msg::NoLogo => ("No logo", "Pas de logo"),
            #[cfg(feature = "clients")]
            Msg::MediaHint => (
                "Images you use on the site: choose your logo among them.",
                "Les images de votre site : choisissez votre logo parmi elles.",
            ),
            #[cfg(feature = "clients")]
            Msg::Phone => ("Phone", "Téléphone"),
            #[cfg(feature = "clients")]
            Msg::Street => ("Street", "Rue"),
            #[cfg(feature = "clients")]
            Msg::PostalCode => ("Postal code", "Code postal"),
            #[cfg(feature = "clients")]
            Msg::City => ("City", "Ville"),
            #[cfg(feature = "clients")]
            Msg::Country => ("Country", "Pays"),
            #[cfg(feature = "clients")]
            Msg::SeoTitle => ("Title in search results", "Titre dans les moteurs de recherche"),
            #[cfg(feature = "clients")]
            Msg::SeoDescription => ("Description in search results", "Description dans les moteurs de recherche"),
            #[cfg(feature = "clients")]
            Msg::ReviewReady => (
                "Everything is ready. Finish to keep this version.",
                "Tout est prêt. Terminez pour garder cette version.",
            ),
            #[cfg(feature = "clients")]
            Msg::ReviewProblems => ("A few things to fix first:", "Quelques points à corriger d'abord :"),
            #[cfg(feature = "clients")]
            Msg::EditSite => ("Edit", "Modifier"),
            #[cfg(feature = "clients")]
            Msg::SiteAddress => ("Address", "Adresse"),
            #[cfg(feature = "clients")]
            Msg::DeleteSite => ("Delete", "Supprimer"),
            #[cfg(feature = "clients")]
            Msg::ConfirmDelete => (
                "Delete this site, its pages and every text written for it? This cannot be undone.",
                "Supprimer ce site, ses pages et tous les textes rédigés pour lui ? C'est définitif.",
            ),
            #[cfg(feature = "clients")]
            Msg::AwaitingReview => (
                "texts written by the generator are waiting for an editor's review; you already see them.",
                "textes rédigés par le générateur attendent la relecture d'un éditeur ; vous les voyez déjà.",
            ),
            #[cfg(feature = "clients")]
            Msg::Template => ("Template", "Modèle"),
            Msg::InvalidColor => (
                "Use a colour in #rrggbb form, like #4f46e5.",
                "Utilisez une couleur au format #rrggbb, par exemple #4f46e5.",
            ),
            Msg::InvalidSlug => (
                "Use lower-case letters, digits and hyphens, like our-team.",
                "Utilisez des minuscules, des chiffres et des tirets, par exemple notre-equipe.",
            ),
            Msg::InvalidLink => (
                "Use a web address (https://…), mailto:, tel: or a page of the site (/about).",
                "Utilisez une adresse web (https://…), mailto:, tel: ou une page du site (/a-propos).",
            ),
            Msg::InvalidImage => ("Use an https:// image address.", "Utilisez une adresse d'image en https://."),
            Msg::DuplicateSlug => ("Another page already uses it.", "Une autre page l'utilise déjà."),
            Msg::TooMany => ("That is more than allowed here.", "C'est plus que le nombre autorisé."),
            Msg::SlugTaken => ("Another site already uses this address.", "Un autre site utilise déjà cette adresse."),
            Msg::GeneratorUnavailable => (
                "The content generator is unavailable; nothing was changed. Try again.",
                "Le générateur de contenu est indisponible ; rien n'a changé. Réessayez.",
            ),
            Msg::LogConnecting => ("Connecting to the live log…", "Connexion au journal en direct…"),
            Msg::LogLive => ("Live", "En direct"),
            Msg::LogReconnecting => (
                "Connection lost, reconnecting… (nothing will be missed)",
                "Connexion perdue, reconnexion… (rien ne sera perdu)",
            ),
            Msg::LogEnded => ("Finished", "Terminé"),
            Msg::FollowLog => ("Follow the end", "Suivre la fin"),
            #[cfg(feature = "clients")]
            Msg::Deploy => ("Deploy", "Déployer"),
            #[cfg(feature = "clients")]
            Msg::Deploying => ("Deploying…", "Déploiement…"),
            #[cfg(any(feature = "clients", feature = "staff"))]
            Msg::Deployments => ("Deployments", "Déploiements"),
            #[cfg(feature = "clients")]
            Msg::NoDeployments => (
                "Not deployed yet. Deploy to publish this site at its address.",
                "Pas encore déployé. Déployez pour publier ce site à son adresse.",
            ),
            #[cfg(feature = "clients")]
            Msg::Rollback => ("Roll back to this", "Revenir à celui-ci"),
            #[cfg(feature = "clients")]
            Msg::CancelDeployment => ("Cancel", "Annuler"),
            #[cfg(feature = "clients")]
            Msg::InQueue => ("In the queue: position", "Dans la file : position"),
            #[cfg(feature = "clients")]
            Msg::AboutSeconds => ("about", "environ"),
            #[cfg(feature = "clients")]
            Msg::Seconds => ("s", "s"),
            #[cfg(feature = "clients")]
            Msg::VisitSite => ("Visit your site", "Voir votre site"),
            #[cfg(feature = "clients")]
            Msg::SiteIsLive => ("Your site is live.", "Votre site est en ligne."),
            #[cfg(feature = "clients")]
            Msg::Duration => ("Duration", "Durée"),
            #[cfg(feature = "clients")]
            Msg::Started => ("Started", "Début"),
            Msg::StepRender => ("Render", "Rendu"),
            Msg::StepPackage => ("Package", "Paquet"),
            Msg::StepStart => ("Start", "Démarrage"),
            Msg::StepHealth => ("Health check", "Vérification"),
            Msg::StepSwitch => ("Switch", "Bascule"),
            Msg::StepRetire => ("Retire old", "Retrait de l'ancien"),
            Msg::DepQueued => ("Queued", "En attente"),
            Msg::DepRunning => ("Running", "En cours"),
            Msg::DepLive => ("Live", "En ligne"),
            Msg::DepFailed => ("Failed", "Échec"),
            Msg::DepCancelled => ("Cancelled", "Annulé"),
            Msg::DepTimedOut => ("Timed out", "Expiré"),
            Msg::DepSuperseded => ("Superseded", "Remplacé avant de partir"),
            Msg::DepRolledBack => ("Rolled back", "Annulé par un retour"),
            Msg::DepRetired => ("Replaced", "Remplacé"),
            #[cfg(feature = "writers")]
            Msg::PayoutLine => ("Payout", "Paiement"),
            Msg::PayoutApproved => ("Paid", "Payé"),
            Msg::PayoutRejected => ("Rejected", "Refusé"),
            Msg::PayoutRequested => ("Waiting for approval", "En attente d'approbation"),
            Msg::Catalogue => ("Catalogue", "Catalogue"),
            #[cfg(feature = "staff")]
            Msg::NewEntry => ("New entry", "Nouvelle prestation"),
            #[cfg(feature = "staff")]
            Msg::Code => ("Code (a-z, 0-9, _)", "Code (a-z, 0-9, _)"),
            #[cfg(feature = "staff")]
            Msg::EntryName => ("Name", "Nom"),
            #[cfg(feature = "staff")]
            Msg::Description => ("Description", "Description"),
            #[cfg(feature = "staff")]
            Msg::PricePerWord => ("Price per word (cents)", "Prix par mot (centimes)"),
            #[cfg(feature = "staff")]
            Msg::MinWords => ("Fewest words", "Minimum de mots"),
            #[cfg(feature = "staff")]
            Msg::MaxWords => ("Most words", "Maximum de mots"),
            #[cfg(feature = "staff")]
            Msg::TurnaroundsHint => ("Turnarounds (days:% of price, …)", "Délais (jours:% du prix, …)"),
            #[cfg(feature = "staff")]
            Msg::Edit => ("Edit", "Modifier"),
            #[cfg(feature = "staff")]
            Msg::Withdraw => ("Withdraw", "Retirer"),
            #[cfg(feature = "staff")]
            Msg::PerWord => ("Per word", "Par mot"),
            #[cfg(feature = "staff")]
            Msg::WriterLevel => ("Writer level", "Niveau du rédacteur"),
            Msg::Websites => ("Websites", "Sites clients"),
            #[cfg(feature = "staff")]
            Msg::NewWebsite => ("Create a website", "Créer un site"),
            #[cfg(feature = "staff")]
            Msg::Slug => ("Slug (a-z, 0-9, -)", "Identifiant (a-z, 0-9, -)"),
            #[cfg(feature = "staff")]
            Msg::Domain => ("Domain (host)", "Domaine (hôte)"),
            #[cfg(feature = "staff")]
            Msg::ThemeColor => ("Theme colour (#rrggbb)", "Couleur (#rrggbb)"),
            #[cfg(feature = "staff")]
            Msg::Currency => ("Currency (EUR, USD…)", "Devise (EUR, USD…)"),
            #[cfg(feature = "staff")]
            Msg::WebsiteActive => ("Website is on", "Site en service"),
            Msg::Customers => ("Customers", "Clients"),
            #[cfg(feature = "staff")]
            Msg::NoCustomers => ("No customer matches.", "Aucun client ne correspond."),
            #[cfg(feature = "staff")]
            Msg::SitesCount => ("Sites", "Sites"),
            #[cfg(feature = "staff")]
            Msg::StatusActive => ("Active", "Actif"),
            #[cfg(feature = "staff")]
            Msg::StatusSuspended => ("Suspended", "Suspendu"),
            #[cfg(feature = "staff")]
            Msg::Suspend => ("Suspend", "Suspendre"),
            #[cfg(feature = "staff")]
            Msg::Reactivate => ("Reactivate", "Réactiver"),
            #[cfg(feature = "staff")]
            Msg::Unlock => ("Lift the sign-in lock", "Lever le blocage de connexion"),
            #[cfg(feature = "staff")]
            Msg::SuspendConfirm => (
                "Suspend this customer? They will be signed out and unable to sign in; their live sites keep running.",
                "Suspendre ce client ? Il sera déconnecté et ne pourra plus se connecter ; ses sites en ligne continuent de tourner.",
            ),
            #[cfg(feature = "staff")]
            Msg::Activity => ("Staff activity", "Actions de l'équipe"),
            #[cfg(feature = "staff")]
            Msg::NoActivity => ("Nothing recorded yet.", "Rien d'enregistré pour l'instant."),
            Msg::AuditLog => ("Audit log", "Journal d'audit"),
            #[cfg(feature = "staff")]
            Msg::Health => ("Health", "État du service"),
            #[cfg(feature = "staff")]
            Msg::Database => ("Database (PostgreSQL)", "Base de données (PostgreSQL)"),
            #[cfg(feature = "staff")]
            Msg::Cache => ("Redis", "Redis"),
            #[cfg(feature = "staff")]
            Msg::Queue => ("Deployment queue", "File des déploiements"),
            #[cfg(feature = "staff")]
            Msg::Runtime => ("Site runtime", "Hébergement des sites"),
            #[cfg(feature = "staff")]
            Msg::LiveSites => ("Live sites", "Sites en ligne"),
            #[cfg(feature = "staff")]
            Msg::OpenOrders => ("Orders in progress", "Commandes en cours"),
            #[cfg(feature = "staff")]
            Msg::Queued => ("Waiting deployments", "Déploiements en attente"),
            #[cfg(feature = "staff")]
            Msg::FailedToday => ("Failed (24 h)", "Échecs (24 h)"),
            Msg::Analytics => ("Analytics", "Statistiques"),
            #[cfg(feature = "staff")]
            Msg::Period => ("Period", "Période"),
            #[cfg(feature = "staff")]
            Msg::SuccessRate => ("Went live", "Mis en ligne"),
            #[cfg(feature = "staff")]
            Msg::DeploymentsPerDay => ("Deployments per day", "Déploiements par jour"),
            #[cfg(feature = "staff")]
            Msg::WentLive => ("went live", "en ligne"),
            #[cfg(feature = "staff")]
            Msg::Failed => ("failed", "échec"),
            #[cfg(feature = "staff")]
            Msg::MedianTimeToLive => ("Median time to live", "Temps médian de mise en ligne"),
            #[cfg(feature = "staff")]
            Msg::OrderValuePerDay => ("Orders placed per day, value", "Commandes passées par jour, montant"),
            #[cfg(feature = "staff")]
            Msg::OrdersByStatus => ("Orders by state", "Commandes par état"),
            #[cfg(feature = "staff")]
            Msg::WriterThroughput => ("Writers: completed orders", "Rédacteurs : commandes terminées"),
            #[cfg(feature = "staff")]
            Msg::OtherOutcome => ("waiting, cancelled or replaced", "en attente, annulé ou remplacé"),
            Msg::Team => ("Writers and staff", "Rédacteurs et équipe"),
            #[cfg(feature = "staff")]
            Msg::AddMember => ("Add a person", "Ajouter une personne"),
            Msg::SitesAndQueue => ("Sites and deployments", "Sites et déploiements"),
            #[cfg(feature = "staff")]
            Msg::LiveLogTitle => ("Live log", "Journal en direct"),
            #[cfg(feature = "staff")]
            Msg::Close => ("Close", "Fermer"),
            #[cfg(feature = "staff")]
            Msg::QueueEmpty => {
                ("Nothing waiting, nothing failed this week.", "Rien en attente, aucun échec cette semaine.")
            }
            #[cfg(feature = "staff")]
            Msg::Redeploy => ("Redeploy", "Redéployer"),
            #[cfg(feature = "staff")]
            Msg::Stop => ("Stop", "Arrêter"),
            #[cfg(feature = "staff")]
            Msg::Start => ("Start", "Démarrer"),
            #[cfg(feature = "staff")]
            Msg::StopConfirm => (
                "Stop this site? Visitors will see it is not published until it is started again.",
                "Arrêter ce site ? Les visiteurs verront qu'il n'est pas publié jusqu'à son redémarrage.",
            ),
            Msg::ReviewQueue => ("Review", "Relecture"),
            #[cfg(feature = "staff")]
            Msg::NothingToReview => ("Nothing waits for review.", "Rien n'attend de relecture."),
            #[cfg(feature = "staff")]
            Msg::GeneratedText => ("Generated text", "Texte généré"),
            #[cfg(feature = "staff")]
            Msg::Open => ("Open", "Ouvrir"),
            #[cfg(feature = "staff")]
            Msg::LogoUpload => ("Logo (PNG, JPEG or WebP, up to 1 MB)", "Logo (PNG, JPEG ou WebP, 1 Mo au plus)"),
            #[cfg(feature = "staff")]
            Msg::AddDomain => ("Add a domain", "Ajouter un domaine"),
            Msg::Length => ("Length", "Longueur"),
            Msg::EmptyDraft => ("Write the text before handing it in.", "Écrivez le texte avant de le remettre."),
            Msg::OrderMoved => (
                "Not possible now: the order has moved on. Reload to see where it is.",
                "Impossible pour l'instant : la commande a changé d'étape. Rechargez pour voir où elle en est.",
            ),
            Msg::OsDraft => ("Draft", "Brouillon"),
            Msg::OsAwaitingPayment => ("Awaiting payment", "En attente de paiement"),
            Msg::OsOpen => ("Open to writers", "Ouverte aux rédacteurs"),
            Msg::OsAssigned => ("Being written", "En rédaction"),
            Msg::OsSubmitted => ("Handed in", "Remise"),
            Msg::OsInReview => ("In review", "En relecture"),
            Msg::OsRevisionRequested => ("Revision requested", "Révision demandée"),
            Msg::OsDelivered => ("Delivered", "Livrée"),
            Msg::OsCompleted => ("Completed", "Terminée"),
            Msg::OsCancelled => ("Cancelled", "Annulée"),
            Msg::OsRefunded => ("Refunded", "Remboursée"),
            Msg::OsDisputed => ("Disputed", "Contestée"),
            Msg::OsResolved => ("Resolved", "Résolue"),
            Msg::EvPlace => ("Place the order", "Passer la commande"),
            Msg::EvConfirmPayment => ("Confirm payment", "Confirmer le paiement"),
            Msg::EvClaim => ("Claim", "Prendre"),
            Msg::EvAssign => ("Assign", "Attribuer"),
            Msg::EvDrop => ("Give back", "Rendre"),
            Msg::EvSubmit => ("Hand in", "Remettre le texte"),
            Msg::EvStartReview => ("Start review", "Commencer la relecture"),
            Msg::EvRequestRevision => ("Ask for a revision", "Demander une révision"),
            Msg::EvApprove => ("Approve and deliver", "Approuver et livrer"),
            Msg::EvAccept => ("Accept", "Accepter"),
            Msg::EvAutoAccept => ("Accepted automatically", "Acceptée automatiquement"),
            Msg::EvDispute => ("Dispute", "Contester"),
            Msg::EvResolve => ("Resolve", "Résoudre"),
            Msg::EvCancel => ("Cancel the order", "Annuler la commande"),
            Msg::EvRefund => ("Refund", "Rembourser"),
            Msg::Late => ("Late", "En retard"),
            Msg::NoOrders => ("No orders here yet.", "Aucune commande ici pour l'instant."),
            Msg::Words => ("words", "mots"),
            Msg::Service => ("Service", "Prestation"),
            Msg::Price => ("Price", "Prix"),
            Msg::Deadline => ("Deadline", "Échéance"),
            Msg::Website => ("Website", "Site"),
            Msg::Brief => ("Brief", "Consignes"),
            Msg::WhatShouldChange => ("What should change?", "Que faut-il changer ?"),
            Msg::Cancel => ("Cancel", "Annuler"),
            Msg::Timeline => ("History", "Historique"),
            Msg::Versions => ("Versions of the text", "Versions du texte"),
            Msg::KindEdit => ("Edited by the editor", "Modifiée par le relecteur"),
            Msg::KindSubmission => ("Handed in", "Remise"),
            Msg::Messages => ("Messages", "Messages"),
            Msg::WriteMessage => ("Write a message", "Écrire un message"),
            Msg::Send => ("Send", "Envoyer"),
            Msg::AttachFile => ("Attach a file", "Joindre un fichier"),
            Msg::Orders => ("Orders", "Commandes"),
            #[cfg(any(feature = "clients", feature = "staff"))]
            Msg::Billing => ("Billing", "Facturation"),
            #[cfg(feature = "billing")]
            Msg::YourPlan => ("Your plan", "Votre offre"),
            #[cfg(feature = "billing")]
            Msg::PeriodEnds => ("Current period ends", "La période en cours se termine le"),
            #[cfg(feature = "billing")]
            Msg::MovesTo => ("Moves at the end of the period to", "Passe en fin de période à"),
            #[cfg(feature = "billing")]
            Msg::BillingSuspendedNote => (
                "Your sites are stopped: an invoice is unpaid past its due date. Pay it below and they start again.",
                "Vos sites sont arrêtés : une facture est impayée après son échéance. Réglez-la ci-dessous et ils redémarrent.",
            ),
            #[cfg(feature = "billing")]
            Msg::Usage => ("Usage", "Consommation"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::Unlimited => ("unlimited", "illimité"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::QuotaSites => ("Sites", "Sites"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::QuotaLiveSites => ("Published sites", "Sites publiés"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::QuotaDeployments => ("Deployments this month", "Déploiements ce mois-ci"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::QuotaStorage => ("Storage (MB)", "Stockage (Mo)"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::QuotaDomains => ("Custom domains", "Domaines personnalisés"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::QuotaGenerated => ("Generated sections this month", "Sections générées ce mois-ci"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::Plans => ("Plans", "Offres"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::PerMonth => ("a month", "par mois"),
            #[cfg(feature = "billing")]
            Msg::CurrentPlan => ("Current plan", "Offre actuelle"),
            #[cfg(feature = "billing")]
            Msg::SwitchPlan => ("Switch to this plan", "Passer à cette offre"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::Balance => ("Prepaid balance", "Solde prépayé"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::Invoices => ("Invoices", "Factures"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::NoInvoices => ("No invoices yet.", "Aucune facture pour l'instant."),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::InvoicePaid => ("Paid", "Payée"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::InvoiceOpen => ("To pay", "À payer"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::InvoiceVoid => ("Void", "Annulée"),
            #[cfg(feature = "billing")]
            Msg::PayByTransfer => ("Pay by transfer", "Payer par virement"),
            #[cfg(feature = "billing")]
            Msg::PayFromBalance => ("Pay from balance", "Payer avec le solde"),
            #[cfg(feature = "billing")]
            Msg::PayByCard => ("Pay by card", "Payer par carte"),
            #[cfg(feature = "billing")]
            Msg::DownloadPdf => ("PDF", "PDF"),
            #[cfg(feature = "clients")]
            Msg::NewOrder => ("Order a text", "Commander un texte"),
            #[cfg(feature = "clients")]
            Msg::OrderTitle => ("What is it for?", "À quoi sert-il ?"),
            #[cfg(any(feature = "clients", feature = "staff"))]
            Msg::Turnaround => ("Turnaround", "Délai"),
            #[cfg(feature = "clients")]
            Msg::ForSection => ("For a section of my site (optional)", "Pour une section de mon site (facultatif)"),
            #[cfg(feature = "clients")]
            Msg::PlaceOrder => ("Place the order", "Passer la commande"),
            #[cfg(feature = "clients")]
            Msg::ApplyToSite => ("Put this text on my site", "Mettre ce texte sur mon site"),
            #[cfg(feature = "clients")]
            Msg::AppliedToSite => {
                ("The text is in your site. Publish it now?", "Le texte est dans votre site. Le publier maintenant ?")
            }
            #[cfg(feature = "writers")]
            Msg::EarnedThisMonth => ("Earned this month", "Gagné ce mois-ci"),
            Msg::Earnings => ("Earnings", "Gains"),
            Msg::AvailableOrders => ("Open orders", "Commandes ouvertes"),
            #[cfg(feature = "writers")]
            Msg::AvailableHint => (
                "Orders of your websites at your level, first come first served.",
                "Commandes de vos sites à votre niveau, premier arrivé, premier servi.",
            ),
            #[cfg(feature = "writers")]
            Msg::ActiveOrders => ("Your active orders", "Vos commandes en cours"),
            #[cfg(any(feature = "staff", feature = "writers"))]
            Msg::All => ("All", "Toutes"),
            #[cfg(any(feature = "staff", feature = "writers"))]
            Msg::Search => ("Search", "Rechercher"),
            #[cfg(any(feature = "staff", feature = "writers"))]
            Msg::Level => ("level", "niveau"),
            #[cfg(feature = "writers")]
            Msg::YouEarn => ("You earn", "Vous gagnez"),
            Msg::MyOrders => ("My orders", "Mes commandes"),
            #[cfg(feature = "writers")]
            Msg::YourText => ("Your text (Markdown)", "Votre texte (Markdown)"),
            #[cfg(feature = "writers")]
            Msg::Unsaved => ("Not saved yet", "Pas encore enregistré"),
            #[cfg(feature = "writers")]
            Msg::SavedState => ("Saved", "Enregistré"),
            #[cfg(feature = "writers")]
            Msg::Earned => ("Earned", "Gagné"),
            #[cfg(feature = "writers")]
            Msg::Paid => ("Paid", "Payé"),
            #[cfg(feature = "writers")]
            Msg::Pending => ("Requested", "Demandé"),
            #[cfg(feature = "writers")]
            Msg::Available => ("Available", "Disponible"),
            #[cfg(feature = "writers")]
            Msg::RequestPayout => ("Request payout", "Demander un paiement"),
            #[cfg(feature = "writers")]
            Msg::PayoutFrom => ("Payouts from", "Paiement à partir de"),
            Msg::Payouts => ("Payouts", "Paiements"),
            #[cfg(feature = "writers")]
            Msg::Ledger => ("Ledger", "Relevé"),
            #[cfg(feature = "staff")]
            Msg::Status => ("Status", "Statut"),
            #[cfg(feature = "staff")]
            Msg::EditText => ("Edit the text", "Modifier le texte"),
            #[cfg(feature = "staff")]
            Msg::SaveEdit => ("Save the edit", "Enregistrer la modification"),
            #[cfg(feature = "staff")]
            Msg::RejectReason => ("Reason (to reject)", "Motif (pour refuser)"),
            #[cfg(feature = "staff")]
            Msg::Approve => ("Approve", "Approuver"),
            #[cfg(feature = "staff")]
            Msg::Reject => ("Reject", "Refuser"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::PromoCode => ("Promo code", "Code promo"),
            #[cfg(feature = "billing")]
            Msg::PointsToUse => ("Points to use", "Points à utiliser"),
            #[cfg(feature = "billing")]
            Msg::Apply => ("Apply", "Appliquer"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::DiscountApplied => ("Discount", "Remise"),
            #[cfg(any(feature = "billing", feature = "money"))]
            Msg::PointsApplied => ("Points used", "Points utilisés"),
            #[cfg(feature = "billing")]
            Msg::LoyaltyPoints => ("Loyalty points", "Points de fidélité"),
            #[cfg(feature = "billing")]
            Msg::PointsWorth => ("Each point takes off", "Chaque point retire"),
            #[cfg(feature = "billing")]
            Msg::PointsExpire => ("expire on", "expirent le"),
            #[cfg(feature = "billing")]
            Msg::PointsEarnRate => ("points per 1.00 paid", "points par 1,00 payé"),
            #[cfg(feature = "billing")]
            Msg::NoPointsYet => (
                "No points yet: you earn them on what you pay.",
                "Pas encore de points : vous en gagnez sur ce que vous payez.",
            ),
            #[cfg(feature = "billing")]
            Msg::PtEarned => ("Earned", "Gagnés"),
            #[cfg(feature = "billing")]
            Msg::PtRedeemed => ("Spent", "Utilisés"),
            #[cfg(feature = "billing")]
            Msg::PtReturned => ("Given back", "Rendus"),
            #[cfg(feature = "billing")]
            Msg::PtExpired => ("Expired", "Expirés"),
            #[cfg(feature = "billing")]
            Msg::PtReversed => ("Taken back (refund)", "Repris (remboursement)"),
            #[cfg(feature = "billing")]
            Msg::ReferFriends => ("Refer a friend", "Parrainez un proche"),
            #[cfg(feature = "billing")]
            Msg::ReferralExplain => (
                "When someone who registers with your link pays their first invoice, your balance gets",
                "Quand une personne inscrite avec votre lien paie sa première facture, votre solde reçoit",
            ),
            #[cfg(feature = "billing")]
            Msg::CopyLink => ("Copy the link", "Copier le lien"),
            #[cfg(feature = "billing")]
            Msg::Copied => ("Copied", "Copié"),
            #[cfg(feature = "billing")]
            Msg::ReferralPending => ("waiting for a first payment", "en attente d'un premier paiement"),
            #[cfg(feature = "billing")]
            Msg::ReferralCredited => ("credited", "crédités"),
            #[cfg(feature = "billing")]
            Msg::ReferredBy => ("Were you referred? Their code", "Vous a-t-on parrainé ? Son code"),
            #[cfg(feature = "billing")]
            Msg::ReferredAlready => ("You came with a referral code.", "Vous êtes venu avec un code de parrainage."),
            #[cfg(feature = "billing")]
            Msg::ContentPackages => ("Content packages", "Forfaits de contenu"),
            #[cfg(feature = "billing")]
            Msg::PackagesExplain => (
                "Texts of one kind every month, billed each month: the month's orders open when its invoice is paid.",
                "Des textes d'un même type chaque mois, facturés chaque mois : les commandes du mois s'ouvrent quand sa facture est payée.",
            ),
            #[cfg(feature = "billing")]
            Msg::NoPackages => ("No package yet.", "Aucun forfait pour l'instant."),
            #[cfg(feature = "billing")]
            Msg::NewPackage => ("Start a package", "Démarrer un forfait"),
            #[cfg(feature = "billing")]
            Msg::PackageName => ("Name of the package", "Nom du forfait"),
            #[cfg(feature = "billing")]
            Msg::PerPeriod => ("Texts a month", "Textes par mois"),
            #[cfg(feature = "billing")]
            Msg::PkActive => ("Active", "Actif"),
            #[cfg(feature = "billing")]
            Msg::PkPaused => ("Paused", "En pause"),
            #[cfg(feature = "billing")]
            Msg::PkCancelled => ("Cancelled", "Résilié"),
            #[cfg(feature = "billing")]
            Msg::Pause => ("Pause", "Mettre en pause"),
            #[cfg(feature = "billing")]
            Msg::Resume => ("Resume", "Reprendre"),
            #[cfg(feature = "billing")]
            Msg::CancelPackage => ("Cancel the package", "Résilier le forfait"),
            #[cfg(feature = "billing")]
            Msg::OrdersOpened => ("orders opened", "commandes ouvertes"),
            #[cfg(feature = "money")]
            Msg::Revenue => ("Revenue", "Chiffre d'affaires"),
            #[cfg(feature = "money")]
            Msg::Mrr => ("Monthly recurring revenue", "Revenu mensuel récurrent"),
            #[cfg(feature = "money")]
            Msg::PayingCustomers => ("paying customers", "clients payants"),
            #[cfg(feature = "money")]
            Msg::Outstanding => ("Outstanding", "À encaisser"),
            #[cfg(feature = "money")]
            Msg::Overdue => ("of which overdue", "dont en retard"),
            #[cfg(feature = "money")]
            Msg::RevenueByMonth => ("Takings by month (VAT included)", "Encaissements par mois (TVA comprise)"),
            #[cfg(feature = "money")]
            Msg::PendingTransfers => ("Transfers to confirm", "Virements à confirmer"),
            #[cfg(feature = "money")]
            Msg::NoPendingTransfers => ("No transfer is waiting.", "Aucun virement en attente."),
            #[cfg(feature = "money")]
            Msg::ConfirmTransfer => ("Transfer received", "Virement reçu"),
            #[cfg(feature = "money")]
            Msg::RefundAmount => ("Amount (cents)", "Montant (centimes)"),
            #[cfg(feature = "money")]
            Msg::RefundReason => ("Reason", "Motif"),
            #[cfg(feature = "money")]
            Msg::ToBalance => ("Back to the client's balance", "Sur le solde du client"),
            #[cfg(feature = "money")]
            Msg::RefundAction => ("Refund", "Rembourser"),
            #[cfg(feature = "money")]
            Msg::Refunded => ("refunded", "remboursé"),
            #[cfg(feature = "money")]
            Msg::PromoCodes => ("Promo codes", "Codes promo"),
            #[cfg(feature = "money")]
            Msg::NewPromo => ("New promo code", "Nouveau code promo"),
            #[cfg(feature = "money")]
            Msg::PromoPercent => ("% off (basis points: 1000 = 10 %)", "% de remise (points de base : 1000 = 10 %)"),
            #[cfg(feature = "money")]
            Msg::PromoFixed => ("Amount off (cents)", "Montant de remise (centimes)"),
            #[cfg(feature = "money")]
            Msg::PromoValue => ("Value", "Valeur"),
            #[cfg(feature = "money")]
            Msg::MaxUses => ("Uses in all (empty: no limit)", "Utilisations au total (vide : sans limite)"),
            #[cfg(feature = "money")]
            Msg::PerCustomer => ("Uses per customer", "Utilisations par client"),
            #[cfg(feature = "money")]
            Msg::FirstPurchaseOnly => ("First purchase only", "Premier achat uniquement"),
            #[cfg(feature = "money")]
            Msg::Uses => ("uses", "utilisations"),
            #[cfg(feature = "money")]
            Msg::Deactivate => ("Deactivate", "Désactiver"),
            #[cfg(feature = "money")]
            Msg::Activate => ("Activate", "Activer"),
            #[cfg(feature = "money")]
            Msg::Inactive => ("inactive", "inactif"),
            #[cfg(feature = "money")]
            Msg::PlansAndQuotas => ("Plans and quotas", "Offres et quotas"),
            #[cfg(feature = "money")]
            Msg::NewPlan => ("New plan", "Nouvelle offre"),
            #[cfg(feature = "money")]
            Msg::PlanPrice => ("Price a month (cents)", "Prix par mois (centimes)"),
            #[cfg(feature = "money")]
            Msg::LimitsHint => {
                ("Limits: leave a field empty for no limit.", "Limites : laissez un champ vide pour ne pas limiter.")
            }
            #[cfg(feature = "money")]
            Msg::DefaultPlan => ("default", "par défaut"),
            #[cfg(feature = "money")]
            Msg::BillingSettingsTitle => ("Billing settings", "Réglages de facturation"),
            #[cfg(feature = "money")]
            Msg::VatRate => ("VAT rate (basis points: 2000 = 20 %)", "Taux de TVA (points de base : 2000 = 20 %)"),
            #[cfg(feature = "money")]
            Msg::PricesIncludeVat => ("Prices include VAT", "Les prix incluent la TVA"),
            #[cfg(feature = "money")]
            Msg::InvoicePrefix => ("Invoice number prefix", "Préfixe des numéros de facture"),
            #[cfg(feature = "money")]
            Msg::GraceDays => ("Days to pay before sites stop", "Jours pour payer avant l'arrêt des sites"),
            #[cfg(feature = "money")]
            Msg::BankDetails => ("Bank details for transfers", "Coordonnées bancaires pour les virements"),
            #[cfg(feature = "money")]
            Msg::PointsPerUnit => {
                ("Loyalty points per 1.00 paid (0: none)", "Points de fidélité par 1,00 payé (0 : aucun)")
            }
            #[cfg(feature = "money")]
            Msg::PointValue => ("Value of a point (cents)", "Valeur d'un point (centimes)"),
            #[cfg(feature = "money")]
            Msg::PointsExpireDays => ("Points last (days)", "Durée des points (jours)"),
            #[cfg(feature = "money")]
            Msg::ReferralReward => ("Referral reward (cents)", "Récompense de parrainage (centimes)"),
            #[cfg(feature = "money")]
            Msg::SettingsSaved => ("Settings saved.", "Réglages enregistrés."),
            #[cfg(feature = "billing")]
            Msg::ReferralCode => ("Your referral code", "Votre code de parrainage"),
        }
    }

    pub fn text(self, lang: Lang) -> &'static str {
        let (en, fr) = self.pair();
        match lang {
            Lang::En => en,
            Lang::Fr => fr,
        }
    }

    /// The message for a shared validation or API error code, when one is known.
    pub fn for_code(code: &str) -> Option<Msg> {
        Some(match code {
            "required" => Msg::FieldRequired,
            "invalid_email" => Msg::FieldInvalidEmail,
            "too_short" => Msg::FieldTooShort,
            "too_long" => Msg::FieldTooLong,
            "blank" => Msg::FieldBlank,
            "invalid_characters" => Msg::FieldInvalidCharacters,
            "email_taken" => Msg::EmailTaken,
            "invalid_credentials" => Msg::InvalidCredentials,
            "too_many_attempts" => Msg::TooManyAttempts,
            "account_suspended" => Msg::Suspended,
            "network" => Msg::NetworkError,
            "invalid_refresh_token" | "refresh_token_reused" | "unauthenticated" => Msg::SessionEnded,
            "unknown_host" | "tenant_inactive" => Msg::SiteUnavailable,
            "invalid_color" => Msg::InvalidColor,
            "invalid_slug" => Msg::InvalidSlug,
            "invalid_link" => Msg::InvalidLink,
            "invalid_image" => Msg::InvalidImage,
            "duplicate_slug" => Msg::DuplicateSlug,
            "too_many" => Msg::TooMany,
            "slug_taken" => Msg::SlugTaken,
            "generator_unavailable" => Msg::GeneratorUnavailable,
            "empty_draft" => Msg::EmptyDraft,
            "illegal_transition" => Msg::OrderMoved,
            "invalid_reset_link" => Msg::InvalidResetLink,
            "invalid_verification_link" => Msg::InvalidVerificationLink,
            "email_unverified" => Msg::EmailUnverified,
            "wrong_password" => Msg::WrongPassword,
            "same_address" => Msg::SameAddress,
            "busy" => Msg::Busy,
            _ => return None,
        })
    }

    pub fn for_role(role: atelier_types::Role) -> Msg {
        use atelier_types::Role;
        match role {
            Role::Client => Msg::RoleClient,
            Role::Writer => Msg::RoleWriter,
            Role::Editor => Msg::RoleEditor,
            Role::Support => Msg::RoleSupport,
            Role::Admin => Msg::RoleAdmin,
            Role::Superadmin => Msg::RoleSuperadmin,
        }
    }
}

/// Names of the site config's choices, in the interface's language.
pub mod labels {
    use atelier_types::site::{Font, Industry, PageKind, SiteLanguage, Template};
    use atelier_types::sites::{SiteStatus, WizardStep};

    use super::{Lang, Msg};

    fn pick(lang: Lang, (en, fr): (&'static str, &'static str)) -> &'static str {
        if lang == Lang::En { en } else { fr }
    }

    /// The name of a section's text field in the wizard's diff and editor: `items[2].answer`
    /// → "Item 3 · Answer". A field this list does not know keeps its own name.
    pub fn content_field(field: &str, lang: Lang) -> String {
        let last = field.rsplit('.').next().unwrap_or(field);
        let item =
            field.split_once('[').and_then(|(_, r)| r.split_once(']')).and_then(|(n, _)| n.parse::<usize>().ok());
        let name = match last {
            "heading" => pick(lang, ("Heading", "Titre")),
            "subheading" => pick(lang, ("Introduction", "Introduction")),
            "body" | "intro" => pick(lang, ("Text", "Texte")),
            "title" | "name" => pick(lang, ("Title", "Titre")),
            "description" | "alt" => pick(lang, ("Description", "Description")),
            "price" => pick(lang, ("Price", "Prix")),
            "quote" => pick(lang, ("Quote", "Citation")),
            "author" => pick(lang, ("Author", "Auteur")),
            "question" => pick(lang, ("Question", "Question")),
            "answer" => pick(lang, ("Answer", "Réponse")),
            "label" => pick(lang, ("Button", "Bouton")),
            other => other,
        };
        match item {
            Some(n) => format!("{} {} · {name}", pick(lang, ("Item", "Élément")), n + 1),
            None => name.to_owned(),
        }
    }

    /// The title a page added in the wizard starts with, in the site's language (it is the
    /// site's content, not the app's).
    pub fn new_page_title(site: SiteLanguage) -> &'static str {
        pick(if site == SiteLanguage::Fr { Lang::Fr } else { Lang::En }, ("New page", "Nouvelle page"))
    }

    pub fn industry(i: Industry, lang: Lang) -> &'static str {
        pick(
            lang,
            match i {
                Industry::Restaurant => ("Restaurant", "Restaurant"),
                Industry::Bakery => ("Bakery", "Boulangerie"),
                Industry::Consulting => ("Consulting", "Conseil"),
                Industry::Law => ("Law firm", "Cabinet d'avocats"),
                Industry::Health => ("Health", "Santé"),
                Industry::Fitness => ("Fitness", "Sport et fitness"),
                Industry::Construction => ("Construction", "Bâtiment"),
                Industry::Photography => ("Photography", "Photographie"),
                Industry::Retail => ("Shop", "Commerce"),
                Industry::Technology => ("Technology", "Technologie"),
                Industry::Beauty => ("Beauty", "Beauté"),
                Industry::Education => ("Education", "Éducation"),
            },
        )
    }

    pub fn template(t: Template, lang: Lang) -> (&'static str, &'static str) {
        let (name, en, fr) = match t {
            Template::Classic => (
                "Classic",
                "Serif headings, centred, warm paper tones.",
                "Titres à empattement, centré, tons papier chaud.",
            ),
            Template::Bold => {
                ("Bold", "A full-colour hero and heavy headings.", "Un bandeau tout en couleur et des titres appuyés.")
            }
            Template::Minimal => {
                ("Minimal", "Left-aligned, quiet, lots of white space.", "Aligné à gauche, sobre, beaucoup de blanc.")
            }
        };
        (name, pick(lang, (en, fr)))
    }

    pub fn font(f: Font, lang: Lang) -> &'static str {
        pick(
            lang,
            match f {
                Font::Sans => ("Sans-serif", "Sans empattement"),
                Font::Serif => ("Serif", "Avec empattement"),
                Font::Rounded => ("Rounded", "Arrondie"),
                Font::Mono => ("Monospace", "Chasse fixe"),
            },
        )
    }

    pub fn page_kind(k: PageKind, lang: Lang) -> &'static str {
        pick(
            lang,
            match k {
                PageKind::Home => ("Home", "Accueil"),
                PageKind::About => ("About", "À propos"),
                PageKind::Services => ("Services", "Services"),
                PageKind::Contact => ("Contact", "Contact"),
                PageKind::Blog => ("News", "Actualités"),
                PageKind::Custom => ("Other", "Autre"),
            },
        )
    }

    pub fn step(s: WizardStep, lang: Lang) -> &'static str {
        pick(
            lang,
            match s {
                WizardStep::Business => ("Business", "Entreprise"),
                WizardStep::Template => ("Template", "Modèle"),
                WizardStep::Branding => ("Branding", "Identité"),
                WizardStep::Pages => ("Pages", "Pages"),
                WizardStep::Content => ("Content", "Contenu"),
                WizardStep::Media => ("Media", "Images"),
                WizardStep::ContactSeo => ("Contact & SEO", "Contact et SEO"),
                WizardStep::Review => ("Review", "Vérification"),
            },
        )
    }

    pub fn deployment(s: atelier_types::deployments::DeploymentStatus) -> Msg {
        use atelier_types::deployments::DeploymentStatus as D;
        match s {
            D::Queued => Msg::DepQueued,
            D::Running => Msg::DepRunning,
            D::Live => Msg::DepLive,
            D::Failed => Msg::DepFailed,
            D::Cancelled => Msg::DepCancelled,
            D::TimedOut => Msg::DepTimedOut,
            D::Superseded => Msg::DepSuperseded,
            D::RolledBack => Msg::DepRolledBack,
            D::Retired => Msg::DepRetired,
        }
    }

    /// A deployment step's name (`render`, `health_check`, …).
    pub fn deploy_step(name: &str) -> Msg {
        match name {
            "render" => Msg::StepRender,
            "package" => Msg::StepPackage,
            "start" => Msg::StepStart,
            "health_check" => Msg::StepHealth,
            "switch" => Msg::StepSwitch,
            _ => Msg::StepRetire,
        }
    }

    pub fn status(s: SiteStatus) -> Msg {
        match s {
            SiteStatus::Draft => Msg::StatusDraft,
            SiteStatus::Queued => Msg::StatusQueued,
            SiteStatus::Deploying => Msg::StatusDeploying,
            SiteStatus::Live => Msg::StatusLive,
            SiteStatus::Failed => Msg::StatusFailed,
            SiteStatus::Stopped => Msg::StatusStopped,
        }
    }
}

const STORAGE_KEY: &str = "atelier.lang";

/// The current language, shared through context.
#[derive(Debug, Clone, Copy)]
pub struct I18n {
    lang: RwSignal<Lang>,
}

impl I18n {
    pub fn provide() -> I18n {
        let remembered = browser::load(STORAGE_KEY);
        let lang = match remembered.as_deref() {
            Some("fr") => Lang::Fr,
            Some("en") => Lang::En,
            _ if browser::language().starts_with("fr") => Lang::Fr,
            _ => Lang::En,
        };
        let i18n = I18n { lang: RwSignal::new(lang) };
        browser::set_document_lang(lang.code());
        provide_context(i18n);
        i18n
    }

    pub fn get() -> I18n {
        expect_context::<I18n>()
    }

    pub fn lang(self) -> Lang {
        self.lang.get()
    }

    /// A reactive text: re-renders when the language changes.
    pub fn t(self, msg: Msg) -> impl Fn() -> &'static str + Send + Sync + Copy + 'static {
        let lang = self.lang;
        move || msg.text(lang.get())
    }

    /// Switches to the other language; the one chosen, as the account stores it.
    pub fn toggle(self) -> atelier_types::Language {
        let next = match self.lang.get_untracked() {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        };
        self.lang.set(next);
        browser::store(STORAGE_KEY, next.code());
        browser::set_document_lang(next.code());
        match next {
            Lang::En => atelier_types::Language::En,
            Lang::Fr => atelier_types::Language::Fr,
        }
    }
}

#[cfg(test)]
mod tests {
    use atelier_types::site::SiteLanguage;

    use super::{Lang, labels};

    #[test]
    fn a_section_field_is_named_in_the_apps_language_with_its_item_counted_from_one() {
        assert_eq!(labels::content_field("heading", Lang::En), "Heading");
        assert_eq!(labels::content_field("items[2].answer", Lang::Fr), "Élément 3 · Réponse");
        assert_eq!(labels::content_field("items[0].label", Lang::En), "Item 1 · Button");
        assert_eq!(labels::content_field("custom", Lang::Fr), "custom");
    }

    #[test]
    fn a_new_page_is_titled_in_the_sites_language_not_the_apps() {
        assert_eq!(labels::new_page_title(SiteLanguage::Fr), "Nouvelle page");
        assert_eq!(labels::new_page_title(SiteLanguage::En), "New page");
    }
}
