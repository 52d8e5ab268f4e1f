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
    SignInTitle,
    WritersTitle,
    StaffTitle,
    Email,
    Password,
    DisplayName,
    PasswordHint,
    CreateAccount,
    CreateAccountTitle,
    HaveAccount,
    NoAccount,
    SigningIn,
    Creating,
    SignOut,
    Home,
    Dashboard,
    Overview,
    Profile,
    Menu,
    Welcome,
    YourSites,
    NoSitesYet,
    AssignedTenants,
    AllTenants,
    NoTenants,
    Role,
    EmailShort,
    MemberSince,
    Loading,
    Retry,
    InvalidCredentials,
    HintClientsElsewhere,
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
    Questions,
    SwitchLanguage,
    OtherLanguage,
    RoleClient,
    RoleWriter,
    RoleEditor,
    RoleSupport,
    RoleAdmin,
    RoleSuperadmin,
    ComingNext,
    NewSiteWizard,
    NewSiteWizardHint,
    ModeRapide,
    ModeRapideHint,
    ContinueStep,
    OpenSite,
    Step,
    StatusDraft,
    StatusQueued,
    StatusDeploying,
    StatusLive,
    StatusFailed,
    StatusStopped,
    BusinessName,
    Industry,
    SiteLanguage,
    AboutBusiness,
    AboutBusinessHint,
    Tagline,
    PrimaryColor,
    AccentColor,
    Font,
    Optional,
    ContactEmail,
    StartBuilding,
    WriteMySite,
    WritingSite,
    Back,
    Next,
    Finish,
    Saved,
    Saving,
    FixToSave,
    SaveFailed,
    Preview,
    PreviewUnavailable,
    Page,
    AddPage,
    Remove,
    PageTitle,
    PageSlug,
    PageKind,
    Regenerate,
    Regenerating,
    UndoRegenerate,
    WhatChanged,
    NoChange,
    ImageUrl,
    AltText,
    AddImage,
    Logo,
    NoLogo,
    MediaHint,
    Phone,
    Street,
    PostalCode,
    City,
    Country,
    SeoTitle,
    SeoDescription,
    ReviewReady,
    ReviewProblems,
    EditSite,
    SiteAddress,
    DeleteSite,
    ConfirmDelete,
    AwaitingReview,
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
    Deploy,
    Deploying,
    Deployments,
    NoDeployments,
    Rollback,
    CancelDeployment,
    InQueue,
    AboutSeconds,
    Seconds,
    VisitSite,
    SiteIsLive,
    Duration,
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
    AddDomain,
    LogoUpload,
    ReviewQueue,
    NothingToReview,
    GeneratedText,
    Open,
    SitesAndQueue,
    LiveLogTitle,
    Close,
    QueueEmpty,
    Redeploy,
    Stop,
    Start,
    StopConfirm,
    Team,
    AddMember,
    OtherOutcome,
    Health,
    Database,
    Cache,
    Queue,
    Runtime,
    LiveSites,
    OpenOrders,
    Queued,
    FailedToday,
    Analytics,
    Period,
    SuccessRate,
    DeploymentsPerDay,
    WentLive,
    Failed,
    MedianTimeToLive,
    OrderValuePerDay,
    OrdersByStatus,
    WriterThroughput,
    Websites,
    NewWebsite,
    Slug,
    Domain,
    ThemeColor,
    Currency,
    LogoUrl,
    WebsiteActive,
    Customers,
    NoCustomers,
    SitesCount,
    StatusActive,
    StatusSuspended,
    Suspend,
    Reactivate,
    Unlock,
    SuspendConfirm,
    Activity,
    NoActivity,
    AuditLog,
    PerWord,
    WriterLevel,
    Catalogue,
    NewEntry,
    Code,
    EntryName,
    Description,
    PricePerWord,
    MinWords,
    MaxWords,
    TurnaroundsHint,
    Edit,
    Withdraw,
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
    NewOrder,
    OrderTitle,
    Turnaround,
    ForSection,
    PlaceOrder,
    ApplyToSite,
    AppliedToSite,
    EarnedThisMonth,
    Earnings,
    AvailableOrders,
    AvailableHint,
    ActiveOrders,
    All,
    Search,
    Level,
    YouEarn,
    MyOrders,
    YourText,
    Unsaved,
    SavedState,
    Earned,
    Paid,
    Pending,
    Available,
    RequestPayout,
    PayoutFrom,
    Payouts,
    Ledger,
    Status,
    EditText,
    SaveEdit,
    RejectReason,
    Approve,
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
}

impl Msg {
    /// (English, French)
    fn pair(self) -> (&'static str, &'static str) {
        match self {
            Msg::SignIn => ("Sign in", "Se connecter"),
            Msg::SignInTitle => ("Sign in to your account", "Connectez-vous à votre compte"),
            Msg::WritersTitle => ("Writers' workspace", "Espace rédacteurs"),
            Msg::StaffTitle => ("Staff console", "Console de l'équipe"),
            Msg::Email => ("E-mail address", "Adresse e-mail"),
            Msg::Password => ("Password", "Mot de passe"),
            Msg::DisplayName => ("Your name", "Votre nom"),
            Msg::PasswordHint => ("At least 10 characters.", "Au moins 10 caractères."),
            Msg::CreateAccount => ("Create an account", "Créer un compte"),
            Msg::CreateAccountTitle => ("Create your account", "Créez votre compte"),
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
            Msg::NoAccount => ("New here?", "Nouveau ici ?"),
            Msg::SigningIn => ("Signing in…", "Connexion…"),
            Msg::Creating => ("Creating your account…", "Création du compte…"),
            Msg::SignOut => ("Sign out", "Se déconnecter"),
            Msg::Home => ("Home", "Accueil"),
            Msg::Dashboard => ("Dashboard", "Tableau de bord"),
            Msg::Overview => ("Overview", "Vue d'ensemble"),
            Msg::Profile => ("Profile", "Profil"),
            Msg::Menu => ("Menu", "Menu"),
            Msg::Welcome => ("Welcome", "Bienvenue"),
            Msg::YourSites => ("Your sites", "Vos sites"),
            Msg::NoSitesYet => (
                "You have no sites yet. Build one step by step, or let Mode Rapide write it for you.",
                "Vous n'avez pas encore de site. Créez-le pas à pas, ou laissez le Mode Rapide l'écrire pour vous.",
            ),
            Msg::AssignedTenants => ("Websites you work for", "Sites pour lesquels vous travaillez"),
            Msg::AllTenants => ("Every website (superadmin)", "Tous les sites (superadmin)"),
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
            Msg::ComingNext => (
                "Orders, sites and deployments appear here as they are built.",
                "Les commandes, sites et déploiements apparaîtront ici au fur et à mesure.",
            ),
            Msg::NewSiteWizard => ("Build step by step", "Créer pas à pas"),
            Msg::NewSiteWizardHint => {
                ("Eight short steps, with a live preview as you go.", "Huit étapes courtes, avec un aperçu en direct.")
            }
            Msg::ModeRapide => ("Mode Rapide", "Mode Rapide"),
            Msg::ModeRapideHint => (
                "One form: your whole site, written for you in seconds.",
                "Un seul formulaire : tout votre site, rédigé pour vous en quelques secondes.",
            ),
            Msg::ContinueStep => ("Continue", "Continuer"),
            Msg::OpenSite => ("Open", "Ouvrir"),
            Msg::Step => ("Step", "Étape"),
            Msg::StatusDraft => ("Draft", "Brouillon"),
            Msg::StatusQueued => ("Queued", "En file d'attente"),
            Msg::StatusDeploying => ("Deploying", "Déploiement"),
            Msg::StatusLive => ("Live", "En ligne"),
            Msg::StatusFailed => ("Failed", "Échec"),
            Msg::StatusStopped => ("Stopped", "Arrêté"),
            Msg::BusinessName => ("Business name", "Nom de l'entreprise"),
            Msg::Industry => ("Industry", "Secteur"),
            Msg::SiteLanguage => ("Language of the site", "Langue du site"),
            Msg::AboutBusiness => ("A sentence or two about your business", "Une phrase ou deux sur votre activité"),
            Msg::AboutBusinessHint => {
                ("Used in your home page's introduction.", "Reprise dans l'introduction de votre page d'accueil.")
            }
            Msg::Tagline => ("Tagline", "Slogan"),
            Msg::PrimaryColor => ("Main colour", "Couleur principale"),
            Msg::AccentColor => ("Accent colour", "Couleur d'accent"),
            Msg::Font => ("Font", "Police"),
            Msg::Optional => ("optional", "facultatif"),
            Msg::ContactEmail => ("Contact e-mail", "E-mail de contact"),
            Msg::StartBuilding => ("Start building", "Commencer"),
            Msg::WriteMySite => ("Write my site", "Écrire mon site"),
            Msg::WritingSite => ("Writing your site…", "Rédaction de votre site…"),
            Msg::Back => ("Back", "Retour"),
            Msg::Next => ("Next", "Suivant"),
            Msg::Finish => ("Finish and deploy", "Terminer et déployer"),
            Msg::Saved => ("All changes saved", "Modifications enregistrées"),
            Msg::Saving => ("Saving…", "Enregistrement…"),
            Msg::FixToSave => ("Fix the highlighted fields to save", "Corrigez les champs signalés pour enregistrer"),
            Msg::SaveFailed => ("Not saved:", "Non enregistré :"),
            Msg::Preview => ("Preview", "Aperçu"),
            Msg::PreviewUnavailable => (
                "The preview appears once the site's fields are valid.",
                "L'aperçu s'affiche dès que les champs du site sont valides.",
            ),
            Msg::Page => ("Page", "Page"),
            Msg::AddPage => ("Add a page", "Ajouter une page"),
            Msg::Remove => ("Remove", "Retirer"),
            Msg::PageTitle => ("Title", "Titre"),
            Msg::PageSlug => ("Address", "Adresse"),
            Msg::PageKind => ("Kind of page", "Type de page"),
            Msg::Regenerate => ("Write again", "Réécrire"),
            Msg::Regenerating => ("Writing…", "Rédaction…"),
            Msg::UndoRegenerate => ("Undo", "Annuler"),
            Msg::WhatChanged => ("What changed", "Ce qui a changé"),
            Msg::NoChange => {
                ("The generator wrote the same text; try again.", "Le générateur a écrit le même texte ; réessayez.")
            }
            Msg::ImageUrl => ("Image address (https://…)", "Adresse de l'image (https://…)"),
            Msg::AltText => ("Description for screen readers", "Description pour les lecteurs d'écran"),
            Msg::AddImage => ("Add an image", "Ajouter une image"),
            Msg::Logo => ("Logo", "Logo"),
            Msg::NoLogo => ("No logo", "Pas de logo"),
            Msg::MediaHint => (
                "Images you use on the site: choose your logo among them.",
                "Les images de votre site : choisissez votre logo parmi elles.",
            ),
            Msg::Phone => ("Phone", "Téléphone"),
            Msg::Street => ("Street", "Rue"),
            Msg::PostalCode => ("Postal code", "Code postal"),
            Msg::City => ("City", "Ville"),
            Msg::Country => ("Country", "Pays"),
            Msg::SeoTitle => ("Title in search results", "Titre dans les moteurs de recherche"),
            Msg::SeoDescription => ("Description in search results", "Description dans les moteurs de recherche"),
            Msg::ReviewReady => (
                "Everything is ready. Finish to keep this version.",
                "Tout est prêt. Terminez pour garder cette version.",
            ),
            Msg::ReviewProblems => ("A few things to fix first:", "Quelques points à corriger d'abord :"),
            Msg::EditSite => ("Edit", "Modifier"),
            Msg::SiteAddress => ("Address", "Adresse"),
            Msg::DeleteSite => ("Delete", "Supprimer"),
            Msg::ConfirmDelete => (
                "Delete this site, its pages and every text written for it? This cannot be undone.",
                "Supprimer ce site, ses pages et tous les textes rédigés pour lui ? C'est définitif.",
            ),
            Msg::AwaitingReview => (
                "texts written by the generator are waiting for an editor's review; you already see them.",
                "textes rédigés par le générateur attendent la relecture d'un éditeur ; vous les voyez déjà.",
            ),
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
            Msg::Deploy => ("Deploy", "Déployer"),
            Msg::Deploying => ("Deploying…", "Déploiement…"),
            Msg::Deployments => ("Deployments", "Déploiements"),
            Msg::NoDeployments => (
                "Not deployed yet. Deploy to publish this site at its address.",
                "Pas encore déployé. Déployez pour publier ce site à son adresse.",
            ),
            Msg::Rollback => ("Roll back to this", "Revenir à celui-ci"),
            Msg::CancelDeployment => ("Cancel", "Annuler"),
            Msg::InQueue => ("In the queue: position", "Dans la file : position"),
            Msg::AboutSeconds => ("about", "environ"),
            Msg::Seconds => ("s", "s"),
            Msg::VisitSite => ("Visit your site", "Voir votre site"),
            Msg::SiteIsLive => ("Your site is live.", "Votre site est en ligne."),
            Msg::Duration => ("Duration", "Durée"),
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
            Msg::PayoutLine => ("Payout", "Paiement"),
            Msg::PayoutApproved => ("Paid", "Payé"),
            Msg::PayoutRejected => ("Rejected", "Refusé"),
            Msg::PayoutRequested => ("Waiting for approval", "En attente d'approbation"),
            Msg::Catalogue => ("Catalogue", "Catalogue"),
            Msg::NewEntry => ("New entry", "Nouvelle prestation"),
            Msg::Code => ("Code (a-z, 0-9, _)", "Code (a-z, 0-9, _)"),
            Msg::EntryName => ("Name", "Nom"),
            Msg::Description => ("Description", "Description"),
            Msg::PricePerWord => ("Price per word (cents)", "Prix par mot (centimes)"),
            Msg::MinWords => ("Fewest words", "Minimum de mots"),
            Msg::MaxWords => ("Most words", "Maximum de mots"),
            Msg::TurnaroundsHint => ("Turnarounds (days:% of price, …)", "Délais (jours:% du prix, …)"),
            Msg::Edit => ("Edit", "Modifier"),
            Msg::Withdraw => ("Withdraw", "Retirer"),
            Msg::PerWord => ("Per word", "Par mot"),
            Msg::WriterLevel => ("Writer level", "Niveau du rédacteur"),
            Msg::Websites => ("Websites", "Sites clients"),
            Msg::NewWebsite => ("Create a website", "Créer un site"),
            Msg::Slug => ("Slug (a-z, 0-9, -)", "Identifiant (a-z, 0-9, -)"),
            Msg::Domain => ("Domain (host)", "Domaine (hôte)"),
            Msg::ThemeColor => ("Theme colour (#rrggbb)", "Couleur (#rrggbb)"),
            Msg::Currency => ("Currency (EUR, USD…)", "Devise (EUR, USD…)"),
            Msg::LogoUrl => ("Logo address (https://…)", "Adresse du logo (https://…)"),
            Msg::WebsiteActive => ("Website is on", "Site en service"),
            Msg::Customers => ("Customers", "Clients"),
            Msg::NoCustomers => ("No customer matches.", "Aucun client ne correspond."),
            Msg::SitesCount => ("Sites", "Sites"),
            Msg::StatusActive => ("Active", "Actif"),
            Msg::StatusSuspended => ("Suspended", "Suspendu"),
            Msg::Suspend => ("Suspend", "Suspendre"),
            Msg::Reactivate => ("Reactivate", "Réactiver"),
            Msg::Unlock => ("Lift the sign-in lock", "Lever le blocage de connexion"),
            Msg::SuspendConfirm => (
                "Suspend this customer? They will be signed out and unable to sign in; their live sites keep running.",
                "Suspendre ce client ? Il sera déconnecté et ne pourra plus se connecter ; ses sites en ligne continuent de tourner.",
            ),
            Msg::Activity => ("Staff activity", "Actions de l'équipe"),
            Msg::NoActivity => ("Nothing recorded yet.", "Rien d'enregistré pour l'instant."),
            Msg::AuditLog => ("Audit log", "Journal d'audit"),
            Msg::Health => ("Health", "État du service"),
            Msg::Database => ("Database (PostgreSQL)", "Base de données (PostgreSQL)"),
            Msg::Cache => ("Redis", "Redis"),
            Msg::Queue => ("Deployment queue", "File des déploiements"),
            Msg::Runtime => ("Site runtime", "Hébergement des sites"),
            Msg::LiveSites => ("Live sites", "Sites en ligne"),
            Msg::OpenOrders => ("Orders in progress", "Commandes en cours"),
            Msg::Queued => ("Waiting deployments", "Déploiements en attente"),
            Msg::FailedToday => ("Failed (24 h)", "Échecs (24 h)"),
            Msg::Analytics => ("Analytics", "Statistiques"),
            Msg::Period => ("Period", "Période"),
            Msg::SuccessRate => ("Went live", "Mis en ligne"),
            Msg::DeploymentsPerDay => ("Deployments per day", "Déploiements par jour"),
            Msg::WentLive => ("went live", "en ligne"),
            Msg::Failed => ("failed", "échec"),
            Msg::MedianTimeToLive => ("Median time to live", "Temps médian de mise en ligne"),
            Msg::OrderValuePerDay => ("Orders placed per day, value", "Commandes passées par jour, montant"),
            Msg::OrdersByStatus => ("Orders by state", "Commandes par état"),
            Msg::WriterThroughput => ("Writers: completed orders", "Rédacteurs : commandes terminées"),
            Msg::OtherOutcome => ("waiting, cancelled or replaced", "en attente, annulé ou remplacé"),
            Msg::Team => ("Writers and staff", "Rédacteurs et équipe"),
            Msg::AddMember => ("Add a person", "Ajouter une personne"),
            Msg::SitesAndQueue => ("Sites and deployments", "Sites et déploiements"),
            Msg::LiveLogTitle => ("Live log", "Journal en direct"),
            Msg::Close => ("Close", "Fermer"),
            Msg::QueueEmpty => {
                ("Nothing waiting, nothing failed this week.", "Rien en attente, aucun échec cette semaine.")
            }
            Msg::Redeploy => ("Redeploy", "Redéployer"),
            Msg::Stop => ("Stop", "Arrêter"),
            Msg::Start => ("Start", "Démarrer"),
            Msg::StopConfirm => (
                "Stop this site? Visitors will see it is not published until it is started again.",
                "Arrêter ce site ? Les visiteurs verront qu'il n'est pas publié jusqu'à son redémarrage.",
            ),
            Msg::ReviewQueue => ("Review", "Relecture"),
            Msg::NothingToReview => ("Nothing waits for review.", "Rien n'attend de relecture."),
            Msg::GeneratedText => ("Generated text", "Texte généré"),
            Msg::Open => ("Open", "Ouvrir"),
            Msg::LogoUpload => ("Logo (PNG, JPEG or WebP, up to 1 MB)", "Logo (PNG, JPEG ou WebP, 1 Mo au plus)"),
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
            Msg::NewOrder => ("Order a text", "Commander un texte"),
            Msg::OrderTitle => ("What is it for?", "À quoi sert-il ?"),
            Msg::Turnaround => ("Turnaround", "Délai"),
            Msg::ForSection => ("For a section of my site (optional)", "Pour une section de mon site (facultatif)"),
            Msg::PlaceOrder => ("Place the order", "Passer la commande"),
            Msg::ApplyToSite => ("Put this text on my site", "Mettre ce texte sur mon site"),
            Msg::AppliedToSite => {
                ("The text is in your site. Publish it now?", "Le texte est dans votre site. Le publier maintenant ?")
            }
            Msg::EarnedThisMonth => ("Earned this month", "Gagné ce mois-ci"),
            Msg::Earnings => ("Earnings", "Gains"),
            Msg::AvailableOrders => ("Open orders", "Commandes ouvertes"),
            Msg::AvailableHint => (
                "Orders of your websites at your level, first come first served.",
                "Commandes de vos sites à votre niveau, premier arrivé, premier servi.",
            ),
            Msg::ActiveOrders => ("Your active orders", "Vos commandes en cours"),
            Msg::All => ("All", "Toutes"),
            Msg::Search => ("Search", "Rechercher"),
            Msg::Level => ("level", "niveau"),
            Msg::YouEarn => ("You earn", "Vous gagnez"),
            Msg::MyOrders => ("My orders", "Mes commandes"),
            Msg::YourText => ("Your text (Markdown)", "Votre texte (Markdown)"),
            Msg::Unsaved => ("Not saved yet", "Pas encore enregistré"),
            Msg::SavedState => ("Saved", "Enregistré"),
            Msg::Earned => ("Earned", "Gagné"),
            Msg::Paid => ("Paid", "Payé"),
            Msg::Pending => ("Requested", "Demandé"),
            Msg::Available => ("Available", "Disponible"),
            Msg::RequestPayout => ("Request payout", "Demander un paiement"),
            Msg::PayoutFrom => ("Payouts from", "Paiement à partir de"),
            Msg::Payouts => ("Payouts", "Paiements"),
            Msg::Ledger => ("Ledger", "Relevé"),
            Msg::Status => ("Status", "Statut"),
            Msg::EditText => ("Edit the text", "Modifier le texte"),
            Msg::SaveEdit => ("Save the edit", "Enregistrer la modification"),
            Msg::RejectReason => ("Reason (to reject)", "Motif (pour refuser)"),
            Msg::Approve => ("Approve", "Approuver"),
            Msg::Reject => ("Reject", "Refuser"),
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

    pub fn toggle(self) {
        let next = match self.lang.get_untracked() {
            Lang::En => Lang::Fr,
            Lang::Fr => Lang::En,
        };
        self.lang.set(next);
        browser::store(STORAGE_KEY, next.code());
        browser::set_document_lang(next.code());
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
