//! What the offline generator knows about each industry, in English and French: the trade,
//! what it offers, what it promises, who its customers are, and what a visitor should do.

use atelier_types::site::{Industry, SiteLanguage};

pub struct Vocabulary {
    /// "bakery": used inside sentences.
    pub trade: &'static str,
    /// (name, one-line description)
    pub offers: [(&'static str, &'static str); 4],
    /// Short claims, lower-case, usable after "we" or as a headline.
    pub promises: [&'static str; 3],
    /// "neighbours", "clients", "patients"…
    pub customers: &'static str,
    /// The main call to action.
    pub action: &'static str,
}

pub fn vocabulary(industry: Industry, language: SiteLanguage) -> Vocabulary {
    use Industry::*;
    use SiteLanguage::*;
    match (industry, language) {
        (Restaurant, En) => Vocabulary {
            trade: "restaurant",
            offers: [
                ("Seasonal tasting menu", "Five courses that follow the market, week after week."),
                ("Lunch set menu", "A starter, a main and a coffee, served in under an hour."),
                ("Private dining", "The back room for up to twenty guests, menu to your taste."),
                ("Wine pairing", "Natural and organic wines chosen for every course."),
            ],
            promises: [
                "cooking with what the season brings",
                "a table that feels like home",
                "local producers on every plate",
            ],
            customers: "guests",
            action: "Book a table",
        },
        (Restaurant, Fr) => Vocabulary {
            trade: "restaurant",
            offers: [
                ("Menu dégustation de saison", "Cinq services qui suivent le marché, semaine après semaine."),
                ("Formule déjeuner", "Entrée, plat et café, servis en moins d'une heure."),
                ("Salle privatisable", "Jusqu'à vingt convives, menu composé avec vous."),
                ("Accords mets et vins", "Des vins nature et bio choisis pour chaque plat."),
            ],
            promises: [
                "une cuisine au rythme des saisons",
                "une table où l'on se sent chez soi",
                "des producteurs locaux dans chaque assiette",
            ],
            customers: "convives",
            action: "Réserver une table",
        },
        (Bakery, En) => Vocabulary {
            trade: "bakery",
            offers: [
                ("Sourdough loaves", "Slow-fermented bread with a crust that crackles."),
                ("Viennoiseries", "Croissants and pains au chocolat laminated with real butter."),
                ("Celebration cakes", "Made to order for birthdays, weddings and every reason to gather."),
                ("Morning coffee", "Freshly ground beans to go with the first batch out of the oven."),
            ],
            promises: ["bread baked before dawn", "flour from nearby mills", "recipes we have perfected for years"],
            customers: "neighbours",
            action: "Order a cake",
        },
        (Bakery, Fr) => Vocabulary {
            trade: "boulangerie",
            offers: [
                ("Pains au levain", "Une fermentation lente pour une croûte qui chante."),
                ("Viennoiseries", "Croissants et pains au chocolat feuilletés au vrai beurre."),
                ("Gâteaux de fête", "Sur commande, pour les anniversaires, les mariages et toutes les retrouvailles."),
                ("Café du matin", "Un café fraîchement moulu avec la première fournée."),
            ],
            promises: [
                "du pain cuit avant l'aube",
                "des farines de moulins voisins",
                "des recettes affinées depuis des années",
            ],
            customers: "voisins",
            action: "Commander un gâteau",
        },
        (Consulting, En) => Vocabulary {
            trade: "consultancy",
            offers: [
                ("Strategy review", "A clear diagnosis of where you stand and where to go next."),
                ("Operations audit", "We find the friction in your processes and remove it."),
                ("Leadership coaching", "One-to-one sessions for managers taking on more."),
                ("Change support", "Hands-on help while your teams adopt new ways of working."),
            ],
            promises: [
                "advice you can act on the next morning",
                "senior people on every engagement",
                "results we measure with you",
            ],
            customers: "clients",
            action: "Book a first call",
        },
        (Consulting, Fr) => Vocabulary {
            trade: "cabinet de conseil",
            offers: [
                ("Revue stratégique", "Un diagnostic clair de votre situation et des prochaines étapes."),
                ("Audit des opérations", "Nous trouvons les frictions dans vos processus et les levons."),
                (
                    "Accompagnement des dirigeants",
                    "Des séances individuelles pour les managers qui prennent de l'ampleur.",
                ),
                (
                    "Conduite du changement",
                    "Une aide concrète pendant que vos équipes adoptent de nouvelles pratiques.",
                ),
            ],
            promises: [
                "des conseils applicables dès le lendemain",
                "des consultants seniors sur chaque mission",
                "des résultats mesurés avec vous",
            ],
            customers: "clients",
            action: "Réserver un premier échange",
        },
        (Law, En) => Vocabulary {
            trade: "law firm",
            offers: [
                ("Business law", "Contracts, company formation and disputes between partners."),
                ("Employment law", "Advice for employers and employees, from hiring to dismissal."),
                ("Family law", "Divorce, custody and inheritance handled with discretion."),
                ("Real estate", "Leases, purchases and co-ownership disputes."),
            ],
            promises: [
                "clear answers to legal questions",
                "a lawyer who returns your calls",
                "fees agreed before we start",
            ],
            customers: "clients",
            action: "Request a consultation",
        },
        (Law, Fr) => Vocabulary {
            trade: "cabinet d'avocats",
            offers: [
                ("Droit des affaires", "Contrats, création de société et litiges entre associés."),
                ("Droit du travail", "Conseil aux employeurs et aux salariés, de l'embauche à la rupture."),
                ("Droit de la famille", "Divorce, garde et successions traités avec discrétion."),
                ("Immobilier", "Baux, acquisitions et litiges de copropriété."),
            ],
            promises: [
                "des réponses claires aux questions juridiques",
                "un avocat qui vous rappelle",
                "des honoraires fixés avant de commencer",
            ],
            customers: "clients",
            action: "Demander un rendez-vous",
        },
        (Health, En) => Vocabulary {
            trade: "practice",
            offers: [
                ("General consultation", "Time to listen, examine and explain, without rushing."),
                ("Preventive check-up", "A yearly review to keep small problems small."),
                ("Follow-up care", "Regular appointments for long-term conditions."),
                ("Home visits", "For patients who cannot travel, on weekday afternoons."),
            ],
            promises: [
                "care that takes the time to listen",
                "appointments within the week",
                "a team that knows your history",
            ],
            customers: "patients",
            action: "Make an appointment",
        },
        (Health, Fr) => Vocabulary {
            trade: "cabinet médical",
            offers: [
                ("Consultation générale", "Le temps d'écouter, d'examiner et d'expliquer, sans se presser."),
                ("Bilan de prévention", "Un point annuel pour que les petits soucis restent petits."),
                ("Suivi régulier", "Des rendez-vous réguliers pour les maladies chroniques."),
                ("Visites à domicile", "Pour les patients qui ne peuvent pas se déplacer, en semaine l'après-midi."),
            ],
            promises: [
                "des soins qui prennent le temps d'écouter",
                "un rendez-vous dans la semaine",
                "une équipe qui connaît votre dossier",
            ],
            customers: "patients",
            action: "Prendre rendez-vous",
        },
        (Fitness, En) => Vocabulary {
            trade: "gym",
            offers: [
                ("Personal training", "A coach, a plan and progress you can see every month."),
                ("Group classes", "HIIT, spinning and mobility, morning and evening."),
                ("Open gym", "Free weights and machines, from 6 am to 11 pm."),
                ("Nutrition coaching", "Simple habits that support your training."),
            ],
            promises: ["stronger every week", "coaches who know your name", "training that fits a busy life"],
            customers: "members",
            action: "Try a free session",
        },
        (Fitness, Fr) => Vocabulary {
            trade: "salle de sport",
            offers: [
                ("Coaching personnel", "Un coach, un programme et des progrès visibles chaque mois."),
                ("Cours collectifs", "HIIT, vélo et mobilité, matin et soir."),
                ("Accès libre", "Poids libres et machines, de 6 h à 23 h."),
                ("Coaching nutrition", "Des habitudes simples au service de votre entraînement."),
            ],
            promises: [
                "plus fort chaque semaine",
                "des coachs qui connaissent votre prénom",
                "un entraînement qui s'adapte à une vie chargée",
            ],
            customers: "adhérents",
            action: "Essayer une séance gratuite",
        },
        (Construction, En) => Vocabulary {
            trade: "builder",
            offers: [
                ("Home renovation", "Kitchens, bathrooms and full refurbishments, one team from start to finish."),
                ("Extensions", "More room without moving: planning, build and finish."),
                ("Roofing", "Repairs, insulation and new roofs, guaranteed ten years."),
                ("Energy upgrades", "Insulation and heating that lower your bills."),
            ],
            promises: [
                "work delivered on the agreed date",
                "a fixed quote with no surprises",
                "sites left clean every evening",
            ],
            customers: "homeowners",
            action: "Get a free quote",
        },
        (Construction, Fr) => Vocabulary {
            trade: "entreprise du bâtiment",
            offers: [
                (
                    "Rénovation",
                    "Cuisines, salles de bains et rénovations complètes, une seule équipe du début à la fin.",
                ),
                ("Extensions", "Plus d'espace sans déménager : plans, construction et finitions."),
                ("Toiture", "Réparations, isolation et toitures neuves, garanties dix ans."),
                ("Rénovation énergétique", "Isolation et chauffage qui font baisser vos factures."),
            ],
            promises: [
                "des travaux livrés à la date prévue",
                "un devis ferme, sans surprise",
                "un chantier propre chaque soir",
            ],
            customers: "propriétaires",
            action: "Demander un devis gratuit",
        },
        (Photography, En) => Vocabulary {
            trade: "photography studio",
            offers: [
                ("Weddings", "The whole day told in natural, unposed pictures."),
                ("Portraits", "Studio or outdoor sessions for individuals and families."),
                ("Corporate", "Team portraits and event coverage for your brand."),
                ("Products", "Clean packshots and lifestyle images for your shop."),
            ],
            promises: [
                "pictures that feel like the moment",
                "light that flatters",
                "galleries delivered within two weeks",
            ],
            customers: "clients",
            action: "Check a date",
        },
        (Photography, Fr) => Vocabulary {
            trade: "studio photo",
            offers: [
                ("Mariages", "Toute la journée racontée en images naturelles, sans pose."),
                ("Portraits", "Séances en studio ou en extérieur, seul ou en famille."),
                ("Entreprises", "Portraits d'équipe et reportages d'événements pour votre marque."),
                ("Produits", "Packshots nets et images d'ambiance pour votre boutique."),
            ],
            promises: [
                "des images qui ressemblent au moment",
                "une lumière qui met en valeur",
                "des galeries livrées en deux semaines",
            ],
            customers: "clients",
            action: "Vérifier une date",
        },
        (Retail, En) => Vocabulary {
            trade: "shop",
            offers: [
                ("New arrivals", "Fresh pieces every week, chosen one by one."),
                ("Gift wrapping", "Every purchase wrapped by hand, free of charge."),
                ("Click and collect", "Order online, pick up in store the same day."),
                ("Personal shopping", "An hour with us to find exactly what you need."),
            ],
            promises: ["things chosen with care", "friendly advice, never pushy", "returns accepted for 30 days"],
            customers: "customers",
            action: "Visit the shop",
        },
        (Retail, Fr) => Vocabulary {
            trade: "boutique",
            offers: [
                ("Nouveautés", "De nouvelles pièces chaque semaine, choisies une à une."),
                ("Paquet cadeau", "Chaque achat emballé à la main, gratuitement."),
                ("Retrait en boutique", "Commandez en ligne, retirez le jour même."),
                ("Conseil personnalisé", "Une heure avec nous pour trouver exactement ce qu'il vous faut."),
            ],
            promises: [
                "des objets choisis avec soin",
                "des conseils sincères, jamais insistants",
                "des retours acceptés pendant 30 jours",
            ],
            customers: "clients",
            action: "Venir en boutique",
        },
        (Technology, En) => Vocabulary {
            trade: "software studio",
            offers: [
                ("Web applications", "From prototype to production, built to last."),
                ("Mobile apps", "Native-feeling apps for iOS and Android."),
                ("Cloud migration", "Move your systems without stopping your business."),
                ("Maintenance", "Updates, monitoring and fixes, with a response within the day."),
            ],
            promises: ["software that simply works", "small teams, short feedback loops", "code you own from day one"],
            customers: "clients",
            action: "Start a project",
        },
        (Technology, Fr) => Vocabulary {
            trade: "studio logiciel",
            offers: [
                ("Applications web", "Du prototype à la production, conçues pour durer."),
                ("Applications mobiles", "Des applications fluides pour iOS et Android."),
                ("Migration vers le cloud", "Vos systèmes déplacés sans arrêter votre activité."),
                ("Maintenance", "Mises à jour, supervision et correctifs, avec une réponse dans la journée."),
            ],
            promises: [
                "des logiciels qui fonctionnent, tout simplement",
                "de petites équipes, des retours rapides",
                "un code qui vous appartient dès le premier jour",
            ],
            customers: "clients",
            action: "Lancer un projet",
        },
        (Beauty, En) => Vocabulary {
            trade: "salon",
            offers: [
                ("Cut and style", "A consultation, a cut that suits you and advice to keep it."),
                ("Colour", "From subtle highlights to a whole new look."),
                ("Skin care", "Facials adapted to your skin and the season."),
                ("Manicure", "Care and polish that last."),
            ],
            promises: [
                "time just for you",
                "products that respect your skin and hair",
                "a team that listens before it cuts",
            ],
            customers: "clients",
            action: "Book an appointment",
        },
        (Beauty, Fr) => Vocabulary {
            trade: "salon",
            offers: [
                ("Coupe et coiffage", "Un diagnostic, une coupe qui vous va et des conseils pour la garder."),
                ("Couleur", "Des reflets discrets à un tout nouveau style."),
                ("Soins du visage", "Des soins adaptés à votre peau et à la saison."),
                ("Manucure", "Des soins et un vernis qui tiennent."),
            ],
            promises: [
                "un moment rien que pour vous",
                "des produits qui respectent la peau et les cheveux",
                "une équipe qui écoute avant de couper",
            ],
            customers: "clientes et clients",
            action: "Prendre rendez-vous",
        },
        (Education, En) => Vocabulary {
            trade: "school",
            offers: [
                ("Private tutoring", "One-to-one lessons that follow the school programme."),
                ("Exam preparation", "Intensive courses before the big tests."),
                ("Language courses", "Small groups, native teachers, all levels."),
                ("Holiday workshops", "Science, writing and coding during the school breaks."),
            ],
            promises: [
                "learners who gain confidence",
                "small groups and patient teachers",
                "progress parents can follow",
            ],
            customers: "students",
            action: "Book a trial lesson",
        },
        (Education, Fr) => Vocabulary {
            trade: "école",
            offers: [
                ("Cours particuliers", "Des cours individuels qui suivent le programme scolaire."),
                ("Préparation aux examens", "Des stages intensifs avant les grandes épreuves."),
                ("Cours de langues", "Petits groupes, professeurs natifs, tous niveaux."),
                ("Ateliers vacances", "Sciences, écriture et code pendant les vacances scolaires."),
            ],
            promises: [
                "des élèves qui prennent confiance",
                "des petits groupes et des professeurs patients",
                "des progrès que les parents peuvent suivre",
            ],
            customers: "élèves",
            action: "Réserver un cours d'essai",
        },
    }
}
