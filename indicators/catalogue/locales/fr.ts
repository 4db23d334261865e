import type { CatalogueLocale } from './types.ts';

/**
 * French labels of the bundled catalogue, written for Vigil with the United Nations' French terms
 * (traite des personnes, violences sexuelles liées aux conflits, travail forcé; see docs/glossary.md).
 * Drafted by the project team, not yet checked by a native-speaking reviewer: `reviewed` lists the
 * keys a reviewer has confirmed.
 */
export const fr: CatalogueLocale = {
  lang: 'fr',
  name: 'Français',
  dir: 'ltr',
  reviewed: [],
  frameworks: {
    afac: 'Cadre d’analyse des atrocités criminelles',
    crsv: 'Matrice VSLC',
    osce: 'Indicateurs de l’OSCE',
    tip: 'Indicateurs de traite',
  },
  groups: {
    'afac.rf1': 'FR1 · Conflit armé ou grave instabilité',
    'afac.rf2': 'FR2 · Antécédents de violations graves',
    'afac.rf3': 'FR3 · Faiblesse des structures de l’État',
    'afac.rf4': 'FR4 · Motifs ou incitations',
    'afac.rf5': 'FR5 · Capacité de commettre des atrocités',
    'afac.rf6': 'FR6 · Absence de facteurs atténuants',
    'afac.rf7': 'FR7 · Circonstances favorables ou actes préparatoires',
    'afac.rf8': 'FR8 · Facteurs déclencheurs',
    'afac.rf9': 'FR9 · Tensions et discrimination entre groupes',
    'afac.rf10': 'FR10 · Signes d’une intention de détruire un groupe',
    'afac.rf11': 'FR11 · Signes d’une attaque généralisée ou systématique',
    'afac.rf12': 'FR12 · Signes d’un plan ou d’une politique contre des civils',
    'afac.rf13': 'FR13 · Menaces contre les personnes protégées par le droit humanitaire',
    'afac.rf14': 'FR14 · Menaces contre les opérations humanitaires ou de maintien de la paix',
    'crsv.mobility': 'Mobilité des femmes et des filles',
    'crsv.armed-conduct': 'Comportement des groupes armés',
    'crsv.rhetoric': 'Discours et propagande',
    'crsv.war-economy': 'Économie de guerre parallèle',
    'osce.politico-military': 'Dimension politico-militaire',
    'osce.economic-environmental': 'Dimension économique et environnementale',
    'osce.human': 'Dimension humaine',
    'osce.national-minorities': 'Minorités nationales',
    'osce.media-freedom': 'Liberté des médias',
    'osce.transnational-threats': 'Menaces transnationales',
    'tip.sexual-slavery': 'Exploitation sexuelle, esclavage et mariage',
    'tip.children': 'Enfants et groupes armés',
    'tip.labour-ransom-organs': 'Travail, dette, rançon et organes',
    'tip.armed-group-economy': 'Économie et recrutement des groupes armés',
    'tip.displacement-routes': 'Déplacements, routes et sites',
    'tip.socio-economic': 'Difficultés socio-économiques et stratégies de survie néfastes',
    'tip.governance-demand': 'Gouvernance, contrôle et demande',
    'tip.identification': 'Identification et dépistage',
  },
  forms: {
    sexual_exploitation: 'Exploitation sexuelle',
    forced_prostitution: 'Prostitution forcée',
    sexual_slavery: 'Esclavage sexuel',
    child_sexual_exploitation: 'Exploitation sexuelle des enfants',
    bacha_bazi: 'Bacha bazi',
    forced_pregnancy: 'Grossesse forcée',
    slavery: 'Esclavage',
    enslavement_tactic_of_terror: 'Réduction en esclavage comme tactique de terreur',
    debt_bondage: 'Servitude pour dettes',
    forced_marriage: 'Mariage forcé ou servile',
    child_marriage: 'Mariage d’enfants',
    temporary_marriage: 'Mariage temporaire',
    marriage_to_fighters: 'Mariage forcé avec des combattants',
    sale_of_children: 'Vente d’enfants',
    illegal_adoption: 'Adoption illégale',
    servitude: 'Servitude',
    domestic_servitude: 'Servitude domestique',
    forced_labour: 'Travail forcé',
    child_labour_worst_forms: 'Pires formes de travail des enfants',
    forced_criminality: 'Criminalité forcée',
    forced_begging: 'Mendicité forcée',
    child_use_armed_groups: 'Utilisation d’enfants par des groupes armés',
    adult_use_armed_groups: 'Exploitation d’adultes par des groupes armés',
    organ_removal: 'Prélèvement d’organes',
    exploitation_for_ransom: 'Exploitation aux fins de rançon',
  },
  indicators: {
    'afac.7.1': 'Pouvoirs d’exception qui rognent les droits',
    'afac.7.2': 'Institutions de l’État accaparées ou groupes exclus',
    'afac.7.3': 'Forces de sécurité retournées contre des groupes',
    'afac.7.4': 'Acquisitions d’armes inhabituelles',
    'afac.7.5': 'Milices créées ou soutenues',
    'afac.7.6': 'Moyens de communication contrôlés ou coupés',
    'afac.7.7': 'Observateurs extérieurs écartés',
    'afac.7.8': 'Atteintes croissantes à la vie et à la liberté de groupes',
    'afac.7.9': 'Violences contre les femmes et les enfants, ou conditions propices aux violences sexuelles',
    'afac.7.10': 'Conditions mortelles, déplacement forcé ou enfermement de groupes',
    'afac.7.11': 'Biens ou installations essentiels détruits ou pillés',
    'afac.7.12': 'Personnes ou biens marqués selon leur appartenance',
    'afac.8.1': 'Déploiement soudain de forces ou début des hostilités',
    'afac.8.2': 'Débordement d’un conflit voisin',
    'afac.8.3': 'Mesures extérieures perçues comme une menace pour la souveraineté',
    'afac.8.4': 'Changement brutal de pouvoir',
    'afac.8.5': 'Attaques contre des dirigeants ou des membres de groupes, et attentats terroristes',
    'afac.8.6': 'Événements religieux ou intolérance perçue',
    'afac.8.7': 'Incitation ou propagande haineuse',
    'afac.8.8': 'Recensement ou élections, et leur perturbation',
    'afac.8.9': 'Choc économique ou sur l’emploi soudain',
    'afac.8.10': 'Découverte ou extraction de ressources nuisant aux moyens de subsistance',
    'afac.8.11': 'Commémorations incendiaires',
    'afac.8.12': 'Procédures judiciaires perçues comme injustes',
    'afac.9.1': 'Lois et pratiques discriminatoires',
    'afac.9.2': 'Existence ou identité d’un groupe niée',
    'afac.9.3': 'Atrocités passées contre des groupes restées impunies',
    'afac.9.4': 'Différends sur les droits, les ressources ou la participation',
    'afac.9.5': 'Tensions susceptibles de prendre un tour ethnique ou religieux',
    'afac.9.6': 'Aucune instance nationale pour traiter les tensions identitaires',
    'afac.13.1': 'Parties fragmentées ou chaînes de commandement rompues',
    'afac.13.2': 'Méfiance après des accords rompus',
    'afac.13.3': 'Radicalisation des parties armées',
    'afac.13.4': 'Appartenance ethnique ou religieuse utilisée pour éprouver la loyauté',
    'afac.13.5': 'Comportements déshumanisants et mépris des cultures',
    'afac.13.6': 'Droits des personnes protégées restreints',
    'afac.13.7': 'Menaces ou incitation contre des personnes protégées',
    'afac.13.8': 'Approvisionnement et aide entravés',
    'afac.13.9': 'Moyens de déplacer ou de détenir un grand nombre de personnes',
    'afac.13.10': 'Comportements impliquant des armes interdites',
    'afac.rf1': 'Ensemble : conflit armé ou grave instabilité',
    'afac.rf2': 'Ensemble : antécédents de violations graves',
    'afac.rf3': 'Ensemble : faiblesse des structures de l’État',
    'afac.rf4': 'Ensemble : motifs ou incitations à la violence',
    'afac.rf5': 'Ensemble : capacité de commettre des atrocités',
    'afac.rf6': 'Ensemble : absence de facteurs atténuants',
    'afac.rf7': 'Ensemble : circonstances favorables ou actes préparatoires',
    'afac.rf8': 'Ensemble : facteurs déclencheurs',
    'afac.rf9': 'Ensemble : tensions et discrimination entre groupes',
    'afac.rf10': 'Ensemble : signes d’une intention de détruire un groupe',
    'afac.rf11': 'Ensemble : signes d’une attaque généralisée ou systématique',
    'afac.rf12': 'Ensemble : signes d’un plan ou d’une politique contre des civils',
    'afac.rf13': 'Ensemble : menaces contre les personnes protégées',
    'afac.rf14': 'Ensemble : menaces contre les opérations humanitaires ou de maintien de la paix',
    'crsv.women-mobility': 'Femmes et filles se retirant de la vie publique',
    'crsv.girls-school-absence': 'Filles absentes de l’école',
    'crsv.pillage': 'Pillages par des acteurs armés',
    'crsv.armed-presence': 'Groupes armés stationnés près des civils',
    'crsv.gendered-propaganda': 'Propagande ethnique ou fondée sur le genre',
    'crsv.political-rhetoric': 'Surenchère dans le discours politique',
    'crsv.shadow-economy-sex-work':
      'Femmes entraînées dans l’économie de guerre parallèle, y compris le commerce du sexe',
    'osce.transnational-organised-crime': 'Criminalité organisée transfrontière',
    'osce.rule-of-law': 'Mépris de l’état de droit',
    'osce.human-rights-violations': 'Violations des droits de l’homme et des libertés fondamentales',
    'osce.politico-military': 'Tensions militaires et incidents armés',
    'osce.economic-environmental': 'Pressions économiques et environnementales',
    'osce.minority-tensions': 'Tensions impliquant des minorités nationales',
    'osce.media-restrictions': 'Restrictions à la liberté des médias',
    'tip.enslavement-policy': 'Esclavage pratiqué ouvertement comme politique d’un groupe',
    'tip.slave-markets': 'Personnes achetées et vendues comme des marchandises',
    'tip.abduction-women-girls': 'Enlèvements massifs de femmes et de filles',
    'tip.captives-to-fighters': 'Captives remises à des combattants comme récompense ou épouses',
    'tip.captive-transfers': 'Captifs déplacés à travers les lignes de front ou les frontières',
    'tip.brokered-marriages': 'Mariages payants de filles déplacées arrangés par des intermédiaires',
    'tip.forced-prostitution': 'Prostitution forcée de femmes et de filles déplacées',
    'tip.bacha-bazi': 'Garçons exploités sexuellement par des commandants',
    'tip.crsv-trafficking-incidents': 'Incidents de violence sexuelle enregistrés comportant des éléments de traite',
    'tip.peacekeeper-exploitation':
      'Exploitation sexuelle par du personnel international comportant des éléments de traite',
    'tip.child-recruitment': 'Recrutement et utilisation d’enfants par des groupes armés',
    'tip.children-in-attacks': 'Enfants utilisés dans des attentats-suicides ou comme boucliers humains',
    'tip.child-abduction': 'Enlèvements d’enfants par des groupes armés',
    'tip.children-sold': 'Enfants vendus, échangés ou livrés à des groupes armés',
    'tip.child-sexual-violence': 'Violences sexuelles et mariages forcés d’enfants par des acteurs armés',
    'tip.forced-labour-armed-groups': 'Travail forcé au profit de groupes armés',
    'tip.forced-mining': 'Travail forcé dans des mines tenues par des groupes armés',
    'tip.forced-recruitment-adults': 'Adultes contraints au service armé',
    'tip.deceptive-recruitment': 'Travailleurs attirés par la tromperie dans la zone de conflit',
    'tip.debt-bondage': 'Migrants et personnes déplacées liés par des dettes',
    'tip.ransom-captivity': 'Captifs ou migrants détenus contre rançon',
    'tip.organ-removal': 'Prélèvement d’organes lié au conflit',
    'tip.refugee-labour': 'Exploitation par le travail de personnes ayant fui le conflit',
    'tip.state-forced-labour': 'Travail forcé imposé par l’État au nom du conflit',
    'tip.forced-criminality-begging': 'Mendicité et criminalité forcées',
    'tip.armed-group-trafficking-market': 'Groupe armé contrôlant ou réglementant le commerce de la traite',
    'tip.smuggling-taxation': 'Groupes armés prélevant des taxes sur le trafic de migrants et la traite',
    'tip.financial-red-flags': 'Signaux financiers d’alerte liés à la traite',
    'tip.recruitment-lures': 'Recrutement par manipulation et promesses de récompenses',
    'tip.mass-displacement': 'Déplacements de grande ampleur',
    'tip.high-risk-sites': 'Camps et points de transit surpeuplés ou peu sûrs',
    'tip.smuggling-routes': 'Routes et plaques tournantes de trafic de migrants actives',
    'tip.sex-for-passage': 'Relations sexuelles exigées en paiement du passage',
    'tip.separated-children': 'Enfants séparés de leur famille',
    'tip.legal-status-gaps': 'Ni papiers ni voies légales',
    'tip.food-insecurity': 'Insécurité alimentaire croissante',
    'tip.livelihood-loss': 'Moyens de subsistance perdus et endettement des ménages',
    'tip.negative-coping': 'Stratégies de survie plus néfastes',
    'tip.children-out-of-school': 'Enfants non scolarisés',
    'tip.armed-group-control': 'Territoire tenu par des groupes armés connus pour la traite',
    'tip.listed-perpetrators': 'Présence d’une partie armée inscrite par l’ONU pour violations graves ou sanctions',
    'tip.official-complicity': 'Complicité ou corruption d’agents publics',
    'tip.protection-gap': 'Aucun dispositif d’orientation ni service pour les victimes',
    'tip.demand-pressures': 'Demande de main-d’œuvre bon marché, de combattants ou de services sexuels tarifés',
    'tip.victims-identified': 'Victimes de la traite identifiées ou orientées dans la zone',
    'tip.screening-flag-rate': 'Part des personnes dépistées présentant des signes de traite',
    'tip.documents-withheld': 'Pièces d’identité confisquées par des employeurs ou des groupes armés',
    'tip.offered-by-origin': 'Femmes proposées à des fins sexuelles selon leur origine ethnique ou nationale',
    'tip.children-with-unrelated-adults':
      'Enfants voyageant avec des adultes sans lien de parenté, ou enfants « trouvés »',
    'tip.new-gang-crime': 'Nouvelles formes de criminalité en bande',
    'tip.labour-inspection-flags': 'Lieux de travail où l’inspection relève des signes de travail forcé',
    'tip.victims-identified-abroad': 'Victimes originaires de la zone identifiées à l’étranger',
  },
  descriptions: {
    'afac.7.1':
      'Lois et décrets d’exception ou d’urgence qui suppriment des garanties juridiques ou confèrent aux forces de sécurité des pouvoirs très étendus.',
    'afac.7.2':
      'Ingérence dans les tribunaux, les organes de sécurité ou d’autres institutions, ou exclusion de certains groupes de ces institutions.',
    'afac.7.3': 'Services de sécurité réorganisés, épurés ou mobilisés en prenant pour cible certains groupes.',
    'afac.7.4':
      'Armes ou matériel militaire achetés ou rassemblés dans des quantités sans rapport avec les besoins déclarés.',
    'afac.7.5':
      'Soutien nouveau ou accru à des milices, à des unités paramilitaires ou à des forces supplétives armées, qui recrutent souvent de force.',
    'afac.7.6': 'Coupures, interdictions ou contrôle étroit des médias, d’internet ou des réseaux téléphoniques.',
    'afac.7.7':
      'ONG, organismes internationaux ou journalistes expulsés, bloqués ou entravés, si bien que les exactions restent invisibles et les victimes sans aide.',
    'afac.7.8':
      'Davantage de meurtres, de disparitions, de détentions arbitraires ou de mesures discriminatoires visant des groupes précis.',
    'afac.7.9':
      'Montée des violences graves contre les femmes et les enfants, ou circonstances créées pour que des violences sexuelles puissent être commises, notamment pour semer la peur. L’un des deux indicateurs d’atrocités les plus proches de la traite.',
    'afac.7.10':
      'Groupes soumis à des conditions qui menacent leur survie, déportés, chassés de chez eux ou enfermés dans des camps ou des zones assiégées.',
    'afac.7.11':
      'Stocks de nourriture, eau, abris, centres de santé ou autres biens essentiels détruits ou pillés, privant la population de ses moyens de subsistance.',
    'afac.7.12':
      'Maisons, biens ou personnes désignés par des marques ou des listes selon l’appartenance ethnique, religieuse ou autre, une étape qui peut précéder leur capture. L’un des deux indicateurs d’atrocités les plus proches de la traite.',
    'afac.8.1':
      'Arrivée soudaine de troupes ou début des combats : le moment où des évaluations rapides de la traite sont les plus nécessaires.',
    'afac.8.2': 'Combats, groupes armés ou afflux de réfugiés venant d’un conflit dans un pays voisin.',
    'afac.8.3': 'Mesures internationales que les dirigeants nationaux présentent comme une atteinte à la souveraineté.',
    'afac.8.4': 'Changement soudain ou irrégulier de gouvernement ou de dirigeants qui désorganise les institutions.',
    'afac.8.5':
      'Atteintes à la vie, à la sécurité ou à la liberté de dirigeants, de personnalités ou de membres d’un groupe, et autres violences graves, comme des attentats à la bombe, des massacres ou des attaques terroristes, qui peuvent déclencher des violences plus larges.',
    'afac.8.6':
      'Fêtes ou événements religieux, ou actes perçus comme de l’intolérance ou un manque de respect religieux, qui attisent les tensions.',
    'afac.8.7': 'Discours ou propagande qui attisent la haine ou la violence contre un groupe ou ses membres.',
    'afac.8.8':
      'Recensements, élections ou étapes qui les entourent, ou leur manipulation ou perturbation, comme points de tension.',
    'afac.8.9':
      'Crise, catastrophe ou épidémie qui détruit brutalement les revenus ou le marché du travail et pousse les ménages vers des choix risqués.',
    'afac.8.10':
      'Ressources naturelles nouvellement découvertes ou exploitées qui déplacent la population ou détruisent ses moyens de subsistance.',
    'afac.8.11':
      'Anniversaires ou commémorations de crimes passés ou d’événements traumatisants, y compris la glorification de leurs auteurs, qui ravivent les griefs.',
    'afac.8.12':
      'Procès, commissions de vérité ou autres démarches d’établissement des responsabilités qu’une partie juge partiales.',
    'afac.9.1': 'Lois, politiques ou coutumes qui visent ou excluent des groupes protégés.',
    'afac.9.2':
      'Refus de reconnaître un groupe ou son identité, qui s’accompagne souvent d’un refus de papiers et de statut.',
    'afac.9.3': 'Crimes de masse commis autrefois contre un groupe, jamais enquêtés ni punis.',
    'afac.9.4':
      'Frictions entre groupes pour l’accès aux droits, à la terre, aux ressources, à la représentation politique ou à la sécurité.',
    'afac.9.5': 'Autres frictions entre groupes susceptibles de prendre une tournure ethnique ou religieuse.',
    'afac.9.6': 'Aucune institution ni aucun processus capable d’apaiser les différends liés à l’identité.',
    'afac.13.1':
      'Forces ou groupes armés qui se fragmentent, avec des commandants incapables de tenir leurs unités ou peu disposés à le faire.',
    'afac.13.2': 'Cessez-le-feu ou accords de paix violés, qui laissent les parties profondément méfiantes.',
    'afac.13.3':
      'Parties au conflit qui adoptent des objectifs ou une idéologie extrémistes, y compris des groupes qui justifient la réduction en esclavage.',
    'afac.13.4': 'Personnes traitées en amies ou en ennemies selon leur identité ethnique ou religieuse.',
    'afac.13.5':
      'Comportements qui traitent des personnes comme des êtres inférieurs ou méprisent leur culture ou leurs croyances.',
    'afac.13.6':
      'Mesures qui restreignent les droits des civils, des détenus ou d’autres personnes protégées par le droit de la guerre.',
    'afac.13.7':
      'Menaces ou appels à la violence contre des personnes protégées, notamment pour les terroriser ou les faire fuir.',
    'afac.13.8':
      'Nourriture, médicaments ou aide humanitaire et médicale bloqués ou détournés, ce qui aggrave la dépendance et le désespoir.',
    'afac.13.9':
      'Moyens de transport, camps ou autre logistique mis en place pour déplacer ou détenir un grand nombre de personnes, ceux-là mêmes dont la traite de masse a besoin.',
    'afac.13.10': 'Acquisition, menace d’emploi ou emploi d’armes interdites par le droit international.',
    'afac.rf1':
      'Appréciation globale du facteur de risque 1 par l’analyste : intensité et étendue du conflit armé ou d’une autre grave instabilité dans la zone.',
    'afac.rf2':
      'Appréciation globale du facteur de risque 2 : poids des violations graves, passées et actuelles, des droits humains et du droit humanitaire.',
    'afac.rf3':
      'Appréciation globale du facteur de risque 3 : mesure dans laquelle la police, la justice et les autres institutions ne protègent pas la population, ce qui laisse la traite impunie.',
    'afac.rf4':
      'Appréciation globale du facteur de risque 4 : force des raisons qu’un acteur aurait de s’en prendre à un groupe.',
    'afac.rf5':
      'Appréciation globale du facteur de risque 5 : moyens dont disposent les acteurs pour commettre des violences de masse.',
    'afac.rf6':
      'Appréciation globale du facteur de risque 6 : le peu d’obstacles à la violence, de la société civile à l’engagement extérieur et aux services de protection.',
    'afac.rf7':
      'Appréciation globale du facteur de risque 7 lorsque ses indicateurs numérotés ne sont pas évalués un par un.',
    'afac.rf8':
      'Appréciation globale du facteur de risque 8 : présence ou perspective d’événements susceptibles de déclencher des violences.',
    'afac.rf9':
      'Appréciation globale du facteur de risque 9 : profondeur de la discrimination et des tensions entre groupes identitaires.',
    'afac.rf10':
      'Appréciation globale du facteur de risque 10. La réduction en esclavage d’une minorité a été retenue comme preuve d’une intention génocidaire ; ce facteur compte donc pour la traite.',
    'afac.rf11':
      'Appréciation globale du facteur de risque 11. La réduction en esclavage dans le cadre de la traite peut constituer un crime contre l’humanité.',
    'afac.rf12':
      'Appréciation globale du facteur de risque 12 : éléments montrant un dessein organisé derrière les attaques contre des civils.',
    'afac.rf13':
      'Appréciation globale du facteur de risque 13 lorsque ses indicateurs numérotés ne sont pas évalués un par un.',
    'afac.rf14':
      'Appréciation globale du facteur de risque 14 : attaques contre les opérations humanitaires et de paix ou entraves à leur action, qui privent les victimes d’aide.',
    'crsv.women-mobility':
      'Femmes et filles moins présentes sur les marchés, dans les champs, aux points d’eau ou dans la rue, parce que sortir est devenu dangereux ou interdit.',
    'crsv.girls-school-absence':
      'Forte baisse de la fréquentation scolaire des filles, par peur des attaques, à cause de mariages précoces ou du besoin de gagner de l’argent.',
    'crsv.pillage':
      'Hommes armés qui razzient maisons, boutiques, troupeaux ou récoltes : signe que la discipline s’est effondrée et que les civils sont des proies.',
    'crsv.armed-presence':
      'Unités armées qui campent ou patrouillent près de villages, de camps de déplacés, d’écoles ou de marchés.',
    'crsv.gendered-propaganda':
      'Messages qui avilissent les femmes, ou les femmes d’un groupe, ou les présentent comme un butin, dans des discours, des tracts ou les médias.',
    'crsv.political-rhetoric': 'Discours politique de plus en plus hostile et polarisé.',
    'crsv.shadow-economy-sex-work':
      'Davantage de signalements de femmes qui se tournent, ou sont poussées, vers l’économie de guerre informelle et le commerce du sexe. Signal de VSLC que le document de l’ONUDC cite aussi comme signe de traite.',
    'osce.transnational-organised-crime':
      'Signalements de réseaux criminels qui organisent le trafic illicite, la traite ou d’autres commerces illégaux à travers les frontières de la zone, y compris des commandants armés qui investissent ces marchés.',
    'osce.rule-of-law':
      'Police, tribunaux et agents publics absents, ignorés ou agissant hors de la loi, si bien que les crimes, dont la traite, restent impunis. Une condition qui permet à la traite de se développer, non un signe qu’elle a lieu.',
    'osce.human-rights-violations':
      'Atteintes graves et répétées aux droits et libertés fondamentaux des personnes, par des acteurs étatiques ou non étatiques. Un facteur de la traite : les atteintes qui constituent elles-mêmes de la traite sont enregistrées dans les indicateurs de traite.',
    'osce.politico-military':
      'Appréciation globale de la dimension politico-militaire : renforcements militaires, affrontements, violations de cessez-le-feu ou d’arrangements de sécurité.',
    'osce.economic-environmental':
      'Appréciation globale de la dimension économique et environnementale : baisse des revenus, chômage, différends sur la terre ou l’eau, dégradation de l’environnement.',
    'osce.minority-tensions':
      'Appréciation globale de la situation des minorités nationales : exclusion, harcèlement ou conflit selon des clivages minoritaires.',
    'osce.media-restrictions':
      'Appréciation globale de la liberté des médias : journalistes menacés, médias fermés, informations censurées.',
    'tip.enslavement-policy':
      'Un groupe armé défend, organise ou administre ouvertement l’esclavage : déclarations publiques, registres de captifs, organe chargé des ventes, manuels, paiements aux détenteurs. Vise souvent une minorité ciblée.',
    'tip.slave-markets':
      'Captifs ou migrants proposés à la vente sur des marchés ou aux enchères, par des annonces en ligne, ou cédés contre paiement entre groupes armés et trafiquants le long des routes.',
    'tip.abduction-women-girls':
      'Groupes armés qui enlèvent des femmes et des filles lors de raids sur des villages, des écoles ou des camps, ou au-delà des frontières.',
    'tip.captives-to-fighters':
      'Femmes et filles données, vendues à prix symbolique ou mariées à des combattants comme solde, récompense ou appât de recrutement ; y compris les bureaux de mariage et les pratiques d’« épouses de brousse ».',
    'tip.captive-transfers':
      'Personnes enlevées transportées d’un territoire contrôlé à un autre ou hors du pays, vers des acheteurs.',
    'tip.brokered-marriages':
      'Intermédiaires qui paient des familles touchées par le conflit ou déplacées pour obtenir leurs filles, souvent pour des hommes plus âgés ou étrangers, parfois pour des unions de quelques semaines.',
    'tip.forced-prostitution':
      'Femmes et filles venues du conflit retenues dans des maisons closes ou des lieux privés, revendues par des agents ou par des « maris », ou exploitées par des réseaux qui profitent des flux de réfugiés.',
    'tip.bacha-bazi':
      'Signalements de commandants ou d’hommes forts qui gardent des garçons pour les abuser sexuellement et se divertir.',
    'tip.crsv-trafficking-incidents':
      'Nombre d’incidents de violence sexuelle liée aux conflits, dans la période, comportant esclavage sexuel, prostitution forcée ou mariage forcé, tels qu’enregistrés par les arrangements de suivi de l’ONU (MARA) ou un dispositif similaire.',
    'tip.peacekeeper-exploitation':
      'Allégations visant des soldats de la paix, d’autres forces étrangères ou du personnel humanitaire et comportant des éléments de traite, comme le fait de procurer ou de retenir des personnes à des fins sexuelles.',
    'tip.child-recruitment':
      'Enfants enrôlés ou utilisés par des forces ou groupes armés comme combattants, porteurs, cuisiniers, espions ou à des fins sexuelles ; les cas vérifiés par le mécanisme de surveillance et de communication de l’information (MRM) sont les éléments les plus solides.',
    'tip.children-in-attacks':
      'Nombre d’enfants envoyés commettre des attentats, équipés d’explosifs ou placés comme boucliers pendant la période.',
    'tip.child-abduction':
      'Enfants enlevés par des acteurs armés, y compris lors d’attaques contre des écoles, pour en faire des combattants, des domestiques ou les exploiter sexuellement.',
    'tip.children-sold':
      'Enfants achetés à des parents désespérés, livrés à la place d’un impôt exigé par un groupe armé, échangés par-delà les frontières ou cédés par des adoptions irrégulières.',
    'tip.child-sexual-violence':
      'Viol, esclavage sexuel ou mariage forcé et précoce d’enfants, liés à des forces ou groupes armés.',
    'tip.forced-labour-armed-groups':
      'Habitants, migrants ou étrangers contraints de construire, creuser des tranchées, nettoyer, cultiver, garder du bétail ou tenir la maison pour un groupe armé.',
    'tip.forced-mining':
      'Mines ou sites miniers sous contrôle armé où des déplacés, des hommes ou des garçons sont forcés à creuser, la production étant revendue.',
    'tip.forced-recruitment-adults':
      'Hommes de la région, migrants ou réfugiés contraints de combattre, de porter des charges ou de servir un groupe armé sous la menace, contre eux-mêmes ou leur famille.',
    'tip.deceptive-recruitment':
      'Travailleurs étrangers amenés par de fausses offres d’emploi, par des sous-traitants ou sous la menace d’une expulsion, puis empêchés de partir.',
    'tip.debt-bondage':
      'Personnes qui remboursent par leur travail les frais de passage ou des dettes d’entrée, privées de leurs papiers et de leur salaire, ou bloquées dans la zone jusqu’à ce qu’elles paient.',
    'tip.ransom-captivity':
      'Personnes détenues par des groupes armés ou des trafiquants jusqu’à ce que leurs proches paient, parfois en plusieurs versements, y compris des captifs revendus à leur propre famille.',
    'tip.organ-removal':
      'Signalements d’organes prélevés sur des captifs, des combattants ou des migrants, ou de personnes contraintes de donner un organe pour payer leur passage ou une rançon.',
    'tip.refugee-labour':
      'Réfugiés et personnes déplacées, y compris des enfants, victimes de traite vers des travaux agricoles, en usine, dans la restauration ou la pêche dans les zones d’accueil, pour un salaire faible ou nul.',
    'tip.state-forced-labour':
      'Gouvernement qui invoque la guerre ou sa menace pour astreindre des citoyens à un travail sans limite de durée, y compris des travailleurs envoyés à l’étranger.',
    'tip.forced-criminality-begging':
      'Enfants, personnes âgées ou handicapées contraints de mendier en groupes organisés, ou enfants poussés au vol, à la vente de drogue ou dans des bandes, y compris pour financer un groupe armé.',
    'tip.armed-group-trafficking-market':
      'Un groupe armé agit comme trafiquant ou comme autorité sur un commerce local de personnes, dont il tire argent ou pouvoir.',
    'tip.smuggling-taxation':
      'Droits de passage aux points de contrôle, taxes ou extorsion que des groupes armés imposent aux passeurs et aux trafiquants qui traversent leur territoire.',
    'tip.financial-red-flags':
      'Signes dans les flux financiers : transferts de fonds informels, passeurs de fonds, changeurs ou déclarations d’opérations suspectes liés à la traite dans la zone ou alentour.',
    'tip.recruitment-lures':
      'Pédopiégeage en ligne, propagande ou promesses d’épouses, de captives, d’argent ou de statut pour attirer des enfants, des femmes et des hommes dans des groupes armés.',
    'tip.mass-displacement':
      'Beaucoup de personnes chassées de chez elles en peu de temps, à l’intérieur de la zone ou au-delà de ses frontières.',
    'tip.high-risk-sites':
      'Camps surpeuplés ou sans protection, installations informelles, points de regroupement et camps de passeurs où des exploiteurs abordent les gens.',
    'tip.smuggling-routes':
      'Routes ou plaques tournantes de migration irrégulière utilisées à travers la zone ou au départ de celle-ci, et recours croissant aux passeurs.',
    'tip.sex-for-passage':
      'Passeurs qui, sur les routes traversant la zone, exigent des relations sexuelles des migrants comme prix de la suite du voyage. En droit, c’est une exploitation qui aggrave le trafic illicite de migrants, et cela peut être la première étape d’une mise en condition pour la traite ; cela compte comme une condition. Lorsque des personnes sont ensuite retenues, vendues ou prostituées, l’enregistrer dans les indicateurs directs.',
    'tip.separated-children':
      'Nombreux enfants non accompagnés ou séparés sur les routes ou dans les camps, et familles éclatées par la mort ou la fuite.',
    'tip.legal-status-gaps':
      'Absence de pièces d’identité, apatridie, naissances non enregistrées, frontières fermées ou refoulements qui obligent les gens à se déplacer sans statut légal.',
    'tip.food-insecurity':
      'Aggravation de la faim dans la zone ; le document de l’ONUDC cite un lien entre insécurité alimentaire et migration forcée.',
    'tip.livelihood-loss':
      'Emplois, terres ou revenus perdus, familles endettées ou dépendantes de l’aide, et hommes incapables de subvenir aux besoins comme on l’attend d’eux.',
    'tip.negative-coping':
      'Hausse visible du travail des enfants, de la mendicité, des mariages précoces, du sexe de survie ou de familles qui se séparent de leurs enfants.',
    'tip.children-out-of-school':
      'Écoles détruites, fermées ou occupées par des combattants, laissant les enfants désœuvrés et exposés.',
    'tip.armed-group-control':
      'Part de la zone tenue par des groupes armés ou terroristes, en particulier des groupes connus pour la réduction en esclavage, le recrutement forcé ou la vente de personnes.',
    'tip.listed-perpetrators':
      'Au moins une partie armée active dans la zone figure dans les annexes du rapport du Secrétaire général sur le sort des enfants en temps de conflit armé (pour violations graves contre des enfants) ou est désignée par un régime de sanctions du Conseil de sécurité. Une inscription dit qui est présent et ce qu’il a déjà fait, non que la traite a lieu ici aujourd’hui : les actes qui constituent eux-mêmes de la traite sont enregistrés dans leurs propres indicateurs.',
    'tip.official-complicity':
      'Signalements d’agents publics, de personnel des frontières ou des lieux de détention qui participent à la traite, en tirent profit ou ferment les yeux.',
    'tip.protection-gap':
      'Aucun dispositif d’identification et d’orientation ni service pour les victimes qui fonctionne, y compris le dépistage des personnes libérées de la captivité de groupes armés, ou accès refusé aux travailleurs humanitaires.',
    'tip.demand-pressures':
      'Facteurs d’attraction près de la zone : importants déploiements surtout masculins, essor de la reconstruction, ou secteurs qui reposent sur une main-d’œuvre informelle et mal payée.',
    'tip.victims-identified':
      'Nombre de victimes présumées ou confirmées identifiées ou orientées par des prestataires de services dans la zone, quelle que soit leur origine. Les victimes originaires de la zone identifiées ailleurs sont comptées par leur propre indicateur.',
    'tip.screening-flag-rate':
      'Pourcentage des personnes dépistées par le personnel de première ligne (police, frontières, santé, humanitaire) qui présentent des indicateurs de traite, en données agrégées seulement.',
    'tip.documents-withheld':
      'Signalements d’employeurs, de recruteurs, de passeurs ou de groupes armés de la zone qui gardent les passeports ou les pièces d’identité des personnes qui travaillent pour eux ou voyagent avec eux, pour les empêcher de partir ou de demander de l’aide.',
    'tip.offered-by-origin':
      'Maisons closes, bars ou annonces de la zone qui proposent des femmes ou des filles d’une origine ethnique ou d’une nationalité précise, ou commerce du sexe organisé pour des clients d’une origine ou d’une nationalité : signe que des personnes d’une même origine alimentent un marché.',
    'tip.children-with-unrelated-adults':
      'Enfants qui voyagent seuls ou en groupe avec des adultes sans lien de parenté, grands groupes d’enfants sous la garde d’un seul adulte, ou adultes qui disent avoir « trouvé » un enfant non accompagné, sur les routes et aux points de passage de la zone.',
    'tip.new-gang-crime':
      'Formes de criminalité en bande nouvelles dans la zone, surtout vols, vente de drogue ou mendicité par des enfants ou des nouveaux venus qui vivent et se déplacent avec la bande. Un schéma qui appelle une enquête sur la criminalité forcée, non une preuve de celle-ci.',
    'tip.labour-inspection-flags':
      'Part des lieux de travail inspectés dans la zone (exploitations agricoles, chantiers, ateliers, mines) où les inspecteurs relèvent des signes de l’annexe II : ni registre des salaires ni papiers pour les travailleurs étrangers, frais retenus sur la paie, équipements de sécurité absents, outils faits pour des enfants, travailleurs retenus sur place.',
    'tip.victims-identified-abroad':
      'Nombre de victimes de la traite présumées ou confirmées originaires de la zone et identifiées ou orientées dans des pays de transit ou de destination : la zone est un lieu d’origine même quand rien n’y est visible.',
  },
  classes: {
    'very-low': 'Très faible',
    low: 'Faible',
    medium: 'Moyen',
    high: 'Élevé',
    'very-high': 'Très élevé',
    'insufficient-data': 'Données insuffisantes',
    'no-data': 'Aucune donnée',
  },
  relevance: {
    direct: 'Signe direct de traite',
    indirect: 'Condition favorable à la traite',
    none: 'Sans lien établi avec la traite',
  },
};
