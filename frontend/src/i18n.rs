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
                "You have no sites yet. The site builder is the next thing to arrive here.",
                "Vous n'avez pas encore de site. L'assistant de création est la prochaine étape.",
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
