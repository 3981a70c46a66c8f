<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="fr_FR" sourcelanguage="fr_FR">
<context>
    <name>About</name>
    <message>
        <location filename="../../gui/about_dialog.py" line="+23" />
        <source>webleads-tracker : licence MIT.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Codes postaux officiels et libellés d'acheminement (paquet « codes-postaux », Base Adresse Nationale : IGN, DINUM, ANCT) : licence MIT ; données d'origine INSEE et DGFiP sous Licence Ouverte.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Polices DejaVu Sans (normale, grasse, condensée) : licence Bitstream Vera ; modifications DejaVu dans le domaine public.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Qt 6 et PySide6 : licence LGPL version 3 (voir « À propos de Qt »).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Fichier de prospection postale et téléphonique conforme au RGPD et aux règles de la CNIL, pour les petites entreprises.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Les données restent sur cet ordinateur (ou sur le serveur de la boutique).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Base : {base}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Journal : {log}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Licences</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Les autres bibliothèques et le texte complet de chaque licence sont dans le fichier THIRD_PARTY_NOTICES.md et le dossier « licences », livrés avec le programme.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>À propos de webleads-tracker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+3" />
        <source>À propos de Qt</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>AnswerDialog</name>
    <message>
        <location filename="../../gui/requests_screen.py" line="+80" />
        <source>Répondre à la demande</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Texte de la réponse. Un refus est motivé ; le droit de réclamation auprès de la CNIL y est ajouté s'il n'y figure pas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Réponse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Texte</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Effacement partiel : champs effacés</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>« Accordée » efface le contact (anonymisation) et prévient les partenaires.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Corrigez d'abord la fiche du contact : les partenaires qui ont reçu le champ corrigé sont prévenus à l'enregistrement.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>« Accordée » écrit le dossier de la personne (PDF) dans le dossier choisi.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>« Accordée » écrit ses données (JSON) dans le dossier choisi.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>L'opposition a pris effet à sa réception ; elle ne se refuse pas.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <location filename="../../gui/app.py" line="+56" />
        <source>Une erreur inattendue est survenue : {error}

Vos données enregistrées ne sont pas perdues. Le détail technique est dans le journal :
{log}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Erreur inattendue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+114" />
        <source>Impossible d'ouvrir la base</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>BackupDialog</name>
    <message>
        <location filename="../../gui/backup_dialog.py" line="+45" />
        <source>Sauvegardes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Base PostgreSQL : les sauvegardes du serveur font foi. « Sauvegarder maintenant » écrit une copie avec pg_dump (s'il est installé) dans {0}. La restauration se fait avec les outils du serveur.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Une copie de la base est faite chaque jour au premier démarrage et à la fermeture si quelque chose a changé, dans {0} (lisible par vous seul). Les 7 dernières copies quotidiennes et 4 hebdomadaires sont gardées. Une restauration ne fait jamais revenir une personne opposée : les oppositions, effacements et notifications enregistrés depuis la copie sont repris.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Motif</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Chiffrée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Taille</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Journal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Fichier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Sauvegarder maintenant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Restaurer la sauvegarde choisie…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Restaurer un &amp;fichier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Ouvrir le &amp;dossier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>oui</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>Sauvegarde écrite :
{0}

Journal à cet instant : %n événement(s), empreinte
{1}
(notez-la : un journal réécrit ne la retrouverait pas).</source>
        <translation><numerusform>Sauvegarde écrite :
{0}

Journal à cet instant : %n événement, empreinte
{1}
(notez-la : un journal réécrit ne la retrouverait pas).</numerusform><numerusform>Sauvegarde écrite :
{0}

Journal à cet instant : %n événements, empreinte
{1}
(notez-la : un journal réécrit ne la retrouverait pas).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+43" />
        <source>La base actuelle a %n événement(s) enregistré(s) après cette sauvegarde : ils seront remplacés (les oppositions, effacements et notifications sont repris). Restaurer quand même ?</source>
        <translation><numerusform>La base actuelle a %n événement enregistré après cette sauvegarde : ils seront remplacés (les oppositions, effacements et notifications sont repris). Restaurer quand même ?</numerusform><numerusform>La base actuelle a %n événements enregistrés après cette sauvegarde : ils seront remplacés (les oppositions, effacements et notifications sont repris). Restaurer quand même ?</numerusform></translation>
    </message>
    <message>
        <location line="-39" />
        <source>Sauvegarde…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Choisissez d'abord une sauvegarde dans la liste.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Restaurer une sauvegarde</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sauvegardes (*.sqlite *.age);;Tous les fichiers (*)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Remplacer la base par la sauvegarde du {0} ?

La base actuelle est d'abord sauvegardée ; les oppositions, effacements et notifications enregistrés depuis sont repris.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+20" />
        <source>Restaurer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-14" />
        <source>Sauvegarde chiffrée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Phrase secrète :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Restaurer quand même</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>(rien à reprendre)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Base restaurée depuis {0}.
La base remplacée est sauvegardée : {1}

Repris de la base remplacée :
{2}{3}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>
… et %n autre(s)</source>
        <translation><numerusform>
… et %n autre</numerusform><numerusform>
… et %n autres</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>Restauration…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CallsScreen</name>
    <message>
        <location filename="../../gui/calls_screen.py" line="+122" />
        <source>Nouvelle campagne…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Actualiser</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Liste pour un centre d'appels…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Importer des résultats…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>votre nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Campagne :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Appelant :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>À appeler maintenant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>À dire en début d'appel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Résultat de l'appel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Touche {key}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Rappel le :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Passer (P)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>À &amp;appeler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>E&amp;xclus ou plus tard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+46" />
        <source>Créez une campagne téléphonique pour commencer (« Nouvelle campagne… »).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Calcul des personnes à appeler…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Campagne téléphonique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+54" />
        <source>Aucune personne à appeler pour l'instant — prochain créneau : {when} (heure de l'entreprise).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Plus personne à appeler dans cette campagne.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Aucun appel possible pour l'instant.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>{place} — il est {time} chez la personne ({zone}) · tentatives restantes sur 30 jours : {n}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Base légale : {basis}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>

Premier appel — à dire : </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Derniers appels : {calls}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Jamais appelé.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>La personne ne veut plus être appelée : une opposition au téléphone sera enregistrée, définitive, et transmise aux partenaires concernés.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Ne plus m'appeler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Enregistrer l'opposition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>{ref} : « {label} » enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Opposition enregistrée : cette personne ne sera plus jamais appelée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Numéro retiré de la fiche.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Campagne non créée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Liste d'appels pour un centre d'appels</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>%n personne(s) dans {path}.</source>
        <translation><numerusform>%n personne dans {path}.</numerusform><numerusform>%n personnes dans {path}.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+19" />
        <source>%n appel(s) importé(s)</source>
        <translation><numerusform>%n appel importé</numerusform><numerusform>%n appels importés</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n déjà présent(s).</source>
        <translation><numerusform>%n déjà présent.</numerusform><numerusform>%n déjà présents.</numerusform></translation>
    </message>
    <message>
        <location line="-19" />
        <source>Liste d'appels</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="-214" />
        <source>%n à appeler maintenant</source>
        <translation><numerusform>%n à appeler maintenant</numerusform><numerusform>%n à appeler maintenant</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n plus tard</source>
        <translation><numerusform>%n plus tard</numerusform><numerusform>%n plus tard</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n exclu(s)</source>
        <translation><numerusform>%n exclu</numerusform><numerusform>%n exclus</numerusform></translation>
    </message>
    <message>
        <location line="+216" />
        <source>Résultats d'un centre d'appels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Ligne {n} refusée : {r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Ligne {n} hors règles : {r}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+3" />
        <source>Import des résultats</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CampaignsScreen</name>
    <message>
        <location filename="../../gui/campaigns_screen.py" line="+105" />
        <source>par exemple « Offres d'automne 2026 »</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Objet, imprimé dans le courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>nom, ville, code postal, référence…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>étiquettes exigées, séparées par des virgules</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>75, 2A, 971…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Un courrier par foyer (même adresse, même nom : « M. et Mme DUPONT »)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Information seule : les personnes à qui l'information sur leurs données est due</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Lettre de renouvellement : les personnes au-delà de la durée de conservation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Nom de la campagne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Objet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Recherche</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Statut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+73" />
        <location line="+269" />
        <source>Étiquettes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-341" />
        <source>Début du code postal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Origine des données</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Planche d'étiquettes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Première étiquette libre</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Modèle de courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Vérifier les destinataires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Aperçu en brouillon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Les étiquettes et les courriers tels qu'ils s'imprimeront, marqués « BROUILLON » : rien n'est enregistré, personne n'est compté comme informé.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Créer la campagne et les PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Choisissez la sélection puis vérifiez les destinataires.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>À vérifier avant l'impression</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Référence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Doute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Adresse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Corriger la fiche…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>É&amp;carter de la campagne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Personnes exclues et motif</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <location line="+268" />
        <source>Courriers</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-248" />
        <source>Nouvelle campagne postale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Aperçu et impression</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Modèles de courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Étiquettes et imprimante</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+97" />
        <source>Sélection des destinataires…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Vérification des destinataires</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+9" />
        <location line="+86" />
        <location line="+15" />
        <source>%n courrier(s)</source>
        <translation><numerusform>%n courrier</numerusform><numerusform>%n courriers</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="-101" />
        <source>pour %n personne(s)</source>
        <translation><numerusform>pour %n personne</numerusform><numerusform>pour %n personnes</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n exclue(s).</source>
        <translation><numerusform>%n exclue.</numerusform><numerusform>%n exclues.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>À vérifier avant l'impression : %n adresse(s)</source>
        <translation><numerusform>À vérifier avant l'impression : %n adresse</numerusform><numerusform>À vérifier avant l'impression : %n adresses</numerusform></translation>
    </message>
    <message>
        <location line="+11" />
        <location line="+11" />
        <source>Choisissez d'abord une adresse dans la liste « À vérifier ».</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Créer la campagne « {0} » : </source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n courrier(s) et autant d'étiquettes</source>
        <translation><numerusform>%n courrier et autant d'étiquettes</numerusform><numerusform>%n courriers et autant d'étiquettes</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n exclu(s) ?</source>
        <translation><numerusform>%n exclu ?</numerusform><numerusform>%n exclus ?</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Les personnes qui reçoivent la notice complète seront enregistrées comme informées.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Brouillon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Brouillon — rien n'a été enregistré : </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Aperçu en brouillon</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Campagne n° {0} : </source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="-13" />
        <location line="+15" />
        <source>%n planche(s) d'étiquettes</source>
        <translation><numerusform>%n planche d'étiquettes</numerusform><numerusform>%n planches d'étiquettes</numerusform></translation>
    </message>
    <message>
        <location line="-65" />
        <source>Donnez un nom à la campagne.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Personne ne peut recevoir cette campagne : voyez les exclus et leurs motifs.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Créer la campagne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Créer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Dossier où écrire labels.pdf, letters.pdf et excluded.xlsx</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Campagne postale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+47" />
        <source>La campagne n'a pas pu être créée</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>CheckPage</name>
    <message>
        <location filename="../../gui/import_wizard.py" line="+626" />
        <source>Vérification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ce que l'import ferait, ligne par ligne. Rien n'a encore été enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Particulier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Professionnel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Doublons :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Type quand le fichier ne le dit pas :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Enregistrer ces lignes dans un rapport…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Importer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Vérification en cours…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Vérification du fichier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>La vérification n'a pas abouti.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Vérification impossible</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ChoicesPanel</name>
    <message>
        <location filename="../../gui/choices_panel.py" line="+79" />
        <source> (ancienne)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Cases telles que la personne les a cochées</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Note, chemin du scan ou identifiant de soumission</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Choisir le &amp;fichier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Formulaire :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date et heure du choix :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Canal :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Saisi par :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Preuve :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Aucun formulaire : créez-en un dans l'écran Formulaires.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Scan ou photo du formulaire signé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Images et PDF (*.jpg *.jpeg *.png *.pdf *.tif *.tiff)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ConsentDialog</name>
    <message>
        <location filename="../../gui/consent_dialog.py" line="+47" />
        <source>Choix de {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Aujourd'hui : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Historique</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactDialog</name>
    <message>
        <location filename="../../gui/contact_dialog.py" line="+137" />
        <source>Fiche</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Événement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Saisi par</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Historique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>C&amp;hoix et consentements…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Dossier de la personne…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Tout ce que la base détient sur la personne (RGPD art. 15 et 20)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Peut-on l'a&amp;ppeler ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>La même décision que l'écran Appels, à cet instant</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+66" />
        <source>Identité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Adresse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Appt 12, 3e étage, chez…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Résidence, bâtiment, entrée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>12 rue de la République</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Lieu-dit, BP 123</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>CEDEX 09 (entreprises)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Coordonnées</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Relation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>séparées par des virgules : fidèle, VIP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Origine des données (obligatoire)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>— choisir —</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Type de source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Comptoir du magasin, nom du partenaire…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+20" />
        <source>Choix sur le bulletin (la personne a rempli un formulaire)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+90" />
        <source>Nouveau contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&lt;b&gt;Nouveau contact&lt;/b&gt; — la référence est attribuée à l'enregistrement.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Contact {ref} — {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&lt;b&gt;{ref}&lt;/b&gt; — {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>&lt;b&gt;⚠ À vérifier&lt;/b&gt; — l'import a laissé un doute :&lt;ul style='margin:2px'&gt;{items}&lt;/ul&gt;Corrigez si besoin puis enregistrez : la fiche ne sera plus signalée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Peut-on l'appeler ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Dossier de la personne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>PDF (*.pdf);;JSON — portabilité (*.json);;Classeur (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Dossier écrit : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>(repris de l'historique)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Communes de ce code postal :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Cliquez sur la commune voulue : </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>Fermer sans enregistrer ? Ce qui a été saisi sur cette fiche sera perdu.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Modifications non enregistrées</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Fermer sans enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Cette personne semble déjà enregistrée ({0}) :
{1}

Ouvrir sa fiche au lieu d'en créer une nouvelle ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+7" />
        <source>Déjà enregistrée ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <source>Ouvrir la fiche existante</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Créer quand même une nouvelle fiche pour cette personne ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Créer une nouvelle fiche</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Modification concurrente</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactsModel</name>
    <message>
        <location filename="../../gui/contacts_model.py" line="+58" />
        <source>Réf.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Suivi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Civilité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Prénom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Société</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>CP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ville</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Portable/Téléphone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Statut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Origine</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Dernier contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>⚠ À vérifier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Un import a laissé un doute : ouvrez la fiche pour le voir.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>✖ Opposé(e)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>La personne s'est opposée : la fiche dit à quoi.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>✉ NPAI</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Un courrier est revenu : n'habite pas à l'adresse indiquée.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ContactsScreen</name>
    <message>
        <location filename="../../gui/contacts_screen.py" line="+70" />
        <source>Rechercher : nom, société, ville, CP, téléphone, e-mail, réf. (1 ou 2 lettres : début des mots)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Nouveau contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Ouvrir</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+263" />
        <source>Supprimer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-238" />
        <source>Tout afficher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+91" />
        <source>Liste : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+115" />
        <source>{why}

Effacer le contact {ref} ? Ses données personnelles seront anonymisées ; ses choix, ses oppositions et la liste d'opposition sont conservés comme preuve, et chaque partenaire qui l'a reçu sera notifié.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Effacer un contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Effacer</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+8" />
        <source>Contact {ref} effacé ; %n notification(s) à envoyer aux partenaires.</source>
        <translation><numerusform>Contact {ref} effacé ; %n notification à envoyer aux partenaires.</numerusform><numerusform>Contact {ref} effacé ; %n notifications à envoyer aux partenaires.</numerusform></translation>
    </message>
    <message>
        <location line="+17" />
        <source>Supprimer définitivement le contact {ref} ({name}) ?

Sa fiche et son historique seront effacés. Cette action ne peut pas être annulée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Supprimer un contact</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Dialogs</name>
    <message>
        <location filename="../../gui/dialogs.py" line="+29" />
        <source>Erreur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Information</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Confirmation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Confirmer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExportContacts</name>
    <message>
        <location filename="../../gui/export_contacts.py" line="+30" />
        <source>Exporter les contacts</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+16" />
        <source>Export… %n contact(s)</source>
        <translation><numerusform>Export… %n contact</numerusform><numerusform>Export… %n contacts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+5" />
        <source>%n contact(s) exporté(s) dans {path}.</source>
        <translation><numerusform>%n contact exporté dans {path}.</numerusform><numerusform>%n contacts exportés dans {path}.</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Export terminé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Export impossible</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Export des contacts…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ExtendDialog</name>
    <message>
        <location filename="../../gui/requests_screen.py" line="+29" />
        <source>Prolonger de deux mois</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Raison donnée à la personne (complexité, nombre de demandes…)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Personne informée le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Motif</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FilePage</name>
    <message>
        <location filename="../../gui/import_wizard.py" line="-542" />
        <location line="+29" />
        <source>Fichier à importer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-26" />
        <source>Un classeur Excel (.xlsx, .xlsm, .xls), LibreOffice (.ods), un fichier CSV (export de Google Contacts, Outlook, Dolibarr, Odoo, Brevo, Mailchimp…) ou un carnet d'adresses vCard (.vcf).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Chemin du fichier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Parcourir…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>La ligne d'en-tête est trouvée même sous un titre ou des lignes vides ; les fiches d'un carnet vCard sont présentées comme des lignes. Rien n'est enregistré avant la dernière étape : vous verrez d'abord ce que l'import ferait, ligne par ligne.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Fichier illisible</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FirstStart</name>
    <message>
        <location filename="../../gui/first_start.py" line="+97" />
        <source>&lt;h2&gt;Bienvenue&lt;/h2&gt;La base est vide. Trois étapes mènent à une première campagne conforme ; chacune peut être passée et reprise plus tard.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>1. L'identité de votre organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>ex. : Cuisinistes ; Assureurs (vide si aucun)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Le formulaire proposé porte les cases d'opposition de la CNIL, une case (non cochée) pour accepter vos appels et une par catégorie de partenaires, et la phrase de l'article L223-2 sur le droit de refuser les appels.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Créer ce formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Imprimer le formulaire (PDF)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>L'adapter dans Formulaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Nom du formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Finalité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Catégories de partenaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>2. Votre premier formulaire de collecte</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Importer un fichier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Ajouter un contact…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Un tableur, un export Google Contacts, Outlook, Dolibarr… ou une personne à la fois.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>3. Vos contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Ensuite : préparer une première campagne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <location line="+38" />
        <source>Passer l'assistant et voir le tableau de bord</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-2" />
        <source>Terminer et voir le tableau de bord</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Imprimer le formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Formulaire enregistré : {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FormDialog</name>
    <message>
        <location filename="../../gui/forms_screen.py" line="+48" />
        <source>Modifier le formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Nouveau formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Ex. : vous adresser nos offres de cuisines par courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Catégories de partenaires séparées par « ; » (ex. : Cuisinistes; Assureurs)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Nom :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Canal :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Finalité :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Partenaires :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Texte d'information :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Le texte d'information (RGPD art. 13) et les cases CNIL sont pré-remplis à partir des réglages de l'organisation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>&amp;Enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>FormsScreen</name>
    <message>
        <location line="+16" />
        <source>N° version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Canal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Catégories de partenaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>État</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Nouveau formulaire…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Modifier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Une version déjà utilisée n'est jamais modifiée : la modification crée une nouvelle version.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Imprimer en PDF…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Pour le contact C-000123 (facultatif)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>&lt;b&gt;Formulaires de collecte&lt;/b&gt; — ce que chaque personne a vu et coché.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>utilisée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>modifiable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>, ancienne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+48" />
        <location line="+41" />
        <source>Choisissez d'abord une version.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-30" />
        <source>Cette version a déjà été utilisée : l'enregistrement créera une nouvelle version, l'ancienne restera telle que les personnes l'ont vue.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Cette version n'a encore été utilisée par personne : elle sera modifiée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+29" />
        <source>Imprimer le formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Formulaire enregistré : {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HelpDialog</name>
    <message>
        <location filename="../../gui/help_browser.py" line="+24" />
        <source>Guide de l'utilisateur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>&amp;Sommaire</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>HomeScreen</name>
    <message>
        <location filename="../../gui/home_screen.py" line="+93" />
        <source>&lt;h2&gt;Tableau de bord&lt;/h2&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Exporter l'état de conformité (PDF)…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>À faire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Rien en retard.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Calcul en cours…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Chiffres</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Graphiques en préparation…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+64" />
        <source>Ouvrir la liste</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Mis à jour à {0}</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>%n notification(s) aux partenaires en retard : à envoyer sans attendre (art. 19)</source>
        <translation><numerusform>%n notification aux partenaires en retard : à envoyer sans attendre (art. 19)</numerusform><numerusform>%n notifications aux partenaires en retard : à envoyer sans attendre (art. 19)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n notification(s) aux partenaires à envoyer avant leur échéance (art. 19)</source>
        <translation><numerusform>%n notification aux partenaires à envoyer avant leur échéance (art. 19)</numerusform><numerusform>%n notifications aux partenaires à envoyer avant leur échéance (art. 19)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n demande(s) de personnes sans réponse après le délai d'un mois</source>
        <translation><numerusform>%n demande de personnes sans réponse après le délai d'un mois</numerusform><numerusform>%n demandes de personnes sans réponse après le délai d'un mois</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n demande(s) de personnes à traiter dans les 7 jours</source>
        <translation><numerusform>%n demande de personnes à traiter dans les 7 jours</numerusform><numerusform>%n demandes de personnes à traiter dans les 7 jours</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n personne(s) sans l'information sur l'origine des données depuis plus d'un mois (art. 14)</source>
        <translation><numerusform>%n personne sans l'information sur l'origine des données depuis plus d'un mois (art. 14)</numerusform><numerusform>%n personnes sans l'information sur l'origine des données depuis plus d'un mois (art. 14)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n personne(s) à informer de l'origine des données dans le mois (art. 14)</source>
        <translation><numerusform>%n personne à informer de l'origine des données dans le mois (art. 14)</numerusform><numerusform>%n personnes à informer de l'origine des données dans le mois (art. 14)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n personne(s) au-delà de la durée de conservation : renouvellement ou anonymisation</source>
        <translation><numerusform>%n personne au-delà de la durée de conservation : renouvellement ou anonymisation</numerusform><numerusform>%n personnes au-delà de la durée de conservation : renouvellement ou anonymisation</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n accord(s) d'appel expirant dans les 30 jours : à renouveler avant de rappeler</source>
        <translation><numerusform>%n accord d'appel expirant dans les 30 jours : à renouveler avant de rappeler</numerusform><numerusform>%n accords d'appel expirant dans les 30 jours : à renouveler avant de rappeler</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n adresse(s) revenue(s) « n'habite pas à l'adresse indiquée » à corriger</source>
        <translation><numerusform>%n adresse revenue « n'habite pas à l'adresse indiquée » à corriger</numerusform><numerusform>%n adresses revenues « n'habite pas à l'adresse indiquée » à corriger</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n contact(s) « à vérifier » laissé(s) par un import</source>
        <translation><numerusform>%n contact « à vérifier » laissé par un import</numerusform><numerusform>%n contacts « à vérifier » laissés par un import</numerusform></translation>
    </message>
    <message>
        <location line="+2" />
        <source>Réglages incomplets : l'identité de l'organisation, imprimée sur chaque notice, est à compléter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+46" />
        <source>Exporter l'état de conformité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Export de l'état de conformité…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>État de conformité enregistré : {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportPage</name>
    <message>
        <location filename="../../gui/import_wizard.py" line="+571" />
        <source>Import</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Enregistrer le rapport des lignes à revoir…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Import en cours… (Annuler dans la fenêtre de progression : rien n'est enregistré)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Import des contacts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Import terminé et enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Import annulé.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Import annulé : rien n'a été enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Import impossible.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>L'import n'a pas abouti : rien n'a été enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Import impossible</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportSummary</name>
    <message numerus="yes">
        <location line="-114" />
        <source>&lt;b&gt;%n&lt;/b&gt; contact(s) à créer</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; contact à créer</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; contacts à créer</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>&lt;b&gt;%n&lt;/b&gt; à compléter (doublons)</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; à compléter (doublons)</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; à compléter (doublons)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <location line="+7" />
        <source>%n déjà à jour</source>
        <translation><numerusform>%n déjà à jour</numerusform><numerusform>%n déjà à jour</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="-6" />
        <source>%n à ignorer</source>
        <translation><numerusform>%n à ignorer</numerusform><numerusform>%n à ignorer</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+4" />
        <source>&lt;b&gt;%n&lt;/b&gt; contact(s) créé(s)</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; contact créé</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; contacts créés</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>&lt;b&gt;%n&lt;/b&gt; complété(s) (doublons)</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; complété (doublons)</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; complétés (doublons)</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n ignorée(s)</source>
        <translation><numerusform>%n ignorée</numerusform><numerusform>%n ignorées</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n refusée(s)</source>
        <translation><numerusform>%n refusée</numerusform><numerusform>%n refusées</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n avec avertissement(s)</source>
        <translation><numerusform>%n avec avertissement</numerusform><numerusform>%n avec avertissements</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>&lt;b&gt;%n&lt;/b&gt; ligne(s) lue(s)</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; ligne lue</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; lignes lues</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>Les lignes refusées n'ont pas été importées : corrigez-les dans le fichier (le rapport donne chaque motif) puis importez-les à nouveau ; les contacts déjà importés seront reconnus.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Attention :</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>ImportWizard</name>
    <message>
        <location line="-646" />
        <source>Importer des contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Suivant &gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&lt; Précédent</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Terminer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+27" />
        <source>Fichier illisible</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Lecture de {name}…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LabelSetupPanel</name>
    <message>
        <location filename="../../gui/label_setup_panel.py" line="+70" />
        <source>par exemple MAISON-24</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Partir du modèle</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Code</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Description</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Colonnes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Lignes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Enregistrer comme modèle personnalisé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Modèle d'étiquettes personnalisé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>imprimante par défaut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Enregistrer le décalage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Page de calibrage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <location line="+8" />
        <source>Imprimante</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-7" />
        <source>Décalage horizontal (+ vers la droite)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Décalage vertical (+ vers le bas)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Planche</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Page de test de la fenêtre</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Enregistrer la position</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Distance au bord gauche</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Distance au bord haut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Adresse dans la fenêtre des enveloppes DL et C5 (45 × 100 mm)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Imprimez la page de calibrage à 100 %, posez-la sur une planche vierge et mesurez l'écart : saisissez-le ici, il s'appliquera aux étiquettes imprimées sur cette imprimante.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+57" />
        <source>Modèle non enregistré</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Modèle « %1 » enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Page de calibrage %1</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Test de la fenêtre d'enveloppe</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LabelSheetPicker</name>
    <message>
        <location filename="../../gui/label_sheet_picker.py" line="+27" />
        <source>Cliquez sur la première étiquette encore libre de la planche</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Labels</name>
    <message>
        <location filename="../../gui/labels_catalog.py" line="+9" />
        <source>Civilité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Prénom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Société</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Complément (appt, étage, chez)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Bâtiment, résidence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Numéro et voie</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Lieu-dit, BP</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Code postal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ville</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>CEDEX</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pays</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Téléphone fixe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Portable</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>E-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Statut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Fin de la relation client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Dernier contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Étiquettes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Origine des données</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Nom de la source</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date d'obtention</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Collecte directe</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Courtier en données</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Source publique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Prospect</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Client</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Particulier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Professionnel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>toute prospection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>téléphone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>transmission aux partenaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>lettre</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>coupon-réponse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>en personne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>notification d'un partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>fichier importé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Accès</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rectification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Effacement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Limitation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Opposition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Portabilité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>accordée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>accordée en partie</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>refusée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>en cours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>en retard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>répondue</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>opposition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>effacement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>rectification</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>fin de l'accord d'appel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>correction (erreur de saisie)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>à envoyer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>envoyée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>accusé de réception</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>retirée (erreur de saisie)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>rénovation énergétique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>adaptation du logement au vieillissement ou au handicap</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>formation financée par le compte personnel de formation (CPF)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>autre objet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pas de réponse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Occupé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rappel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Intéressé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pas intéressé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ne plus m'appeler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Faux numéro</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Créé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Complété (doublon fusionné)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Déjà à jour (doublon)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ignoré (doublon)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Refusé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>À créer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>À compléter (doublon)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>À ignorer (doublon)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Effacé ou anonymisé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Opposé à la prospection par courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>A refusé le courrier lors de la collecte</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Durée de conservation dépassée (prospect)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Durée de conservation dépassée (client)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Courrier revenu « n'habite pas à l'adresse indiquée »</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Adresse incomplète</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Adresse non conforme à la norme postale</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Adresse trop longue pour l'étiquette choisie</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Écarté avant l'impression (adresse à vérifier)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>formulaire papier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>formulaire du site web</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>script téléphonique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>comptoir du magasin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>salon ou événement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>import de fichier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>appel</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Tous</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Prospects</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Clients</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Toutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Note</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Scan ou photo du formulaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Identifiant du formulaire web</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Largeur de la page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Hauteur de la page</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Largeur d'une étiquette</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Hauteur d'une étiquette</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Marge gauche</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Marge haute</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pas horizontal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pas vertical</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rayon des coins</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice art. 13 (collecte directe)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice art. 14 (données d'un tiers)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rappel (déjà informé)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Droit d'opposition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice — données collectées auprès de la personne (art. 13)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notice — données obtenues d'un tiers (art. 14)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rappel — personne déjà informée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Droit d'opposition (toujours imprimé, à part)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Téléphone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>En personne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>À envoyer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>En retard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Envoyées, sans accusé</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Accusé de réception reçu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Retirées (erreur de saisie)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>N°</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Demandeur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reçue le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Réponse due le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Réponse</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rappel (date/heure)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pas intéressé (60 jours)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ne plus m'appeler (opposition)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>À vérifier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Courrier revenu (NPAI)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Information due (art. 14) en retard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Information due (art. 14)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Accord d'appel expirant sous 30 jours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Contacts par origine et statut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Part des contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Accord d'appel valide</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Opposition au courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Opposition au téléphone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Courriers envoyés</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notifications aux partenaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>dans le délai</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Appels par semaine et par résultat</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Rien sur la période</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>janv.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>févr.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>mars</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>avr.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>mai</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>juin</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>juil.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>août</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>sept.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>oct.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>nov.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>déc.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>LetterTemplateEditor</name>
    <message>
        <location filename="../../gui/letter_template_editor.py" line="+78" />
        <source>Double-cliquez pour insérer le champ dans le texte</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Insérer un champ</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>C-000001</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Enregistrer une nouvelle version</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Une ligne qui commence par « # » est un titre ; une ligne vide sépare les paragraphes. Les champs s'impriment tels quels : un nom contenant &lt;, &amp; ou des guillemets ne change pas la mise en page.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Modèle :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Champs disponibles</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Aperçu pour :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+32" />
        <source>(nouveau modèle)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+33" />
        <source>« {0} » n'est pas une référence de contact.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&lt;i&gt;Aucun contact pour l'aperçu.&lt;/i&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Cette personne ne recevrait pas ce courrier : {0}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Modèle non enregistré</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../gui/main_window.py" line="+67" />
        <source>Base de démonstration : personnes et organisation fictives. Pour vos vrais contacts, ouvrez une nouvelle base.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Ouverture de la base…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+35" />
        <source>Base : {name}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Bientôt disponible</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+53" />
        <source>{label} ({count})</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+46" />
        <source>%Ln contact(s)</source>
        <translation><numerusform>%Ln contact</numerusform><numerusform>%Ln contacts</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%Ln contact(s) affiché(s) sur {total}</source>
        <translation><numerusform>%Ln contact affiché sur {total}</numerusform><numerusform>%Ln contacts affichés sur {total}</numerusform></translation>
    </message>
    <message>
        <location line="+20" />
        <source>&amp;Fichier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Nouveau contact…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Importer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Exporter les contacts…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Sauvegarder…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Restaurer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Quitter</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>É&amp;dition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Rechercher</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Supprimer…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Affichage</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{label} (bientôt disponible)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Aide</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Guide de l'utilisateur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>À &amp;propos de webleads-tracker</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>À propos de &amp;Qt</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+76" />
        <source>Sauvegarde du jour impossible : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Sauvegarde du jour faite : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Fin de la durée de conservation</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n personne(s) au-delà de la durée de conservation</source>
        <translation><numerusform>%n personne au-delà de la durée de conservation</numerusform><numerusform>%n personnes au-delà de la durée de conservation</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n à anonymiser maintenant</source>
        <translation><numerusform>%n à anonymiser maintenant</numerusform><numerusform>%n à anonymiser maintenant</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n à qui envoyer la lettre de renouvellement.</source>
        <translation><numerusform>%n à qui envoyer la lettre de renouvellement.</numerusform><numerusform>%n à qui envoyer la lettre de renouvellement.</numerusform></translation>
    </message>
    <message>
        <location line="+1" />
        <source>Voyez Registres › Fin de conservation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>À propos de Qt</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>MappingPage</name>
    <message>
        <location filename="../../gui/import_wizard.py" line="+153" />
        <source>Colonnes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Chaque colonne a été reconnue d'après son en-tête : corrigez ce qui ne convient pas.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Appliquer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Nom de la correspondance (ex. « Fichier du salon »)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Enregistrer la correspondance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Exporter…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Enregistrer cette correspondance dans un fichier (.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Charger un fichier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Appliquer une correspondance enregistrée dans un fichier (.json)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Correspondance enregistrée :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+24" />
        <source>(aucune)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>✔ {tool} reconnu : les colonnes sont associées d'après ce format.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Champ</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+55" />
        <location line="+13" />
        <source>Exporter la correspondance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Correspondance enregistrée dans {path}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+7" />
        <source>Charger une correspondance</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Correspondance « {name} » enregistrée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Correspondance incomplète</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NotCallableModel</name>
    <message>
        <location filename="../../gui/not_callable_view.py" line="+36" />
        <source>Référence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Situation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Pourquoi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Quand</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>plus tard</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>exclu(e)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>NotCallableView</name>
    <message>
        <location line="+37" />
        <source>Chercher un nom, une référence, un motif…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+25" />
        <source>%n personne(s) à rappeler plus tard</source>
        <translation><numerusform>%n personne à rappeler plus tard</numerusform><numerusform>%n personnes à rappeler plus tard</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n exclue(s) de cette campagne (la raison dit pourquoi).</source>
        <translation><numerusform>%n exclue de cette campagne (la raison dit pourquoi).</numerusform><numerusform>%n exclues de cette campagne (la raison dit pourquoi).</numerusform></translation>
    </message>
</context>
<context>
    <name>OppositionCorrectionDialog</name>
    <message>
        <location filename="../../gui/opposition_correction_dialog.py" line="+34" />
        <source>Corriger une erreur de saisie</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Elle a été saisie sur la mauvaise personne : la reporter sur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Personne ne s'est opposé : l'annuler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Référence C-000123 (scannée ou tapée), ou nom, téléphone, e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Aucune personne choisie.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>par exemple : référence mal scannée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>L'opposition reste dans le journal et le registre des oppositions, marquée « corrigée » ou « annulée (erreur de saisie) » avec ce motif. La bonne personne est opposée dès maintenant. Les notifications aux partenaires pas encore envoyées sont retirées ; un partenaire déjà prévenu recevra une correction.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Bonne personne :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Motif :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Corriger</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+36" />
        <source>Personne ne correspond à « {0} ».</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Plusieurs personnes correspondent : tapez ou scannez la référence.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>C'est la personne de l'opposition à corriger : choisissez l'autre.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>OppositionsScreen</name>
    <message>
        <location filename="../../gui/oppositions_screen.py" line="+68" />
        <source>Référence C-000123 (scannée ou tapée), ou nom, téléphone, e-mail</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <location line="+147" />
        <source>Aucune personne choisie.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-141" />
        <source>1 · Toute prospection</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>2 · Courrier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>3 · Téléphone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>4 · Transmission aux partenaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Enregistrer l'opposition (Entrée)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Personne :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Portée :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reçue par :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reçue le :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Référence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Portée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Canal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reçue le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Saisie par</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>État</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Corriger une erreur de saisie…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&lt;b&gt;Oppositions&lt;/b&gt; — effectives immédiatement : campagnes, appels, transmissions.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Dernières oppositions enregistrées</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+44" />
        <source>Aucun contact avec la référence {0}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Personne ne correspond à « {0} ».</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>{0} personnes correspondent : choisissez avec les flèches puis Entrée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Choisissez la portée (1 à 4) puis Entrée.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Choisissez d'abord la personne.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{0} est déjà opposé(e) ({1}) depuis le {2:%d/%m/%Y}. Enregistrer quand même cette nouvelle opposition ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Rien d'enregistré : l'opposition existait déjà.</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+13" />
        <source>, %n notification(s) aux partenaires à envoyer</source>
        <translation><numerusform>, %n notification aux partenaires à envoyer</numerusform><numerusform>, %n notifications aux partenaires à envoyer</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>Opposition enregistrée pour {0} ({1}){2}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+25" />
        <source>Choisissez l'opposition à corriger dans la liste.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Reporter cette opposition sur la bonne personne, ou l'annuler, avec un motif.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Opposition n° {0} — &lt;b&gt;{1}&lt;/b&gt; {2} — {3}, reçue le {4:%d/%m/%Y}, saisie par {5}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+19" />
        <source>Opposition n° {0} reportée sur {1} : en vigueur dès maintenant.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Opposition n° {0} annulée (erreur de saisie).</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n notification(s) non envoyée(s) retirée(s).</source>
        <translation><numerusform>%n notification non envoyée retirée.</numerusform><numerusform>%n notifications non envoyées retirées.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>%n correction(s) à envoyer aux partenaires déjà prévenus.</source>
        <translation><numerusform>%n correction à envoyer aux partenaires déjà prévenus.</numerusform><numerusform>%n corrections à envoyer aux partenaires déjà prévenus.</numerusform></translation>
    </message>
</context>
<context>
    <name>OptionalDate</name>
    <message>
        <location filename="../../gui/contact_dialog.py" line="-537" />
        <source>(aucune)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PartnerDialog</name>
    <message>
        <location filename="../../gui/partners_screen.py" line="+54" />
        <source>Partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Une des catégories nommées par vos formulaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Organisation :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Catégorie :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Finalité de la transmission :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>E-mail pour les notifications :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Adresse pour les notifications :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Référence de la convention :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Champs transmis :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PartnerNoticeDialog</name>
    <message>
        <location filename="../../gui/propagation_screen.py" line="+43" />
        <source>Notification d'opposition reçue d'un partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Partenaire :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Portée :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reçue le :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Vous choisirez ensuite la liste du partenaire (.xlsx, .ods ou .csv).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Choisir la &amp;liste…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PartnersScreen</name>
    <message>
        <location filename="../../gui/partners_screen.py" line="+39" />
        <source>Organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Catégorie</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Finalité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notifications à</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Convention</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Ajouter…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Modifier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Transmettre des contacts au partenaire choisi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Recherche (vide : tous les contacts)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Référence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Code postal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ville</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Motif d'exclusion</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>&amp;Écrire le fichier pour le partenaire…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>N°</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Fichier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Empreinte SHA-256</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>&lt;b&gt;Partenaires&lt;/b&gt; — à qui vous transmettez des contacts, et ce qui a été transmis.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Transmissions effectuées</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>Ajoutez un partenaire pour pouvoir lui transmettre des contacts.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Transmis sans leur numéro de téléphone :</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+3" />
        <source>&lt;b&gt;%n&lt;/b&gt; contact(s) transmissible(s) à {0}</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; contact transmissible à {0}</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; contacts transmissibles à {0}</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>&lt;b&gt;%n&lt;/b&gt; exclu(s)</source>
        <translation><numerusform>&lt;b&gt;%n&lt;/b&gt; exclu</numerusform><numerusform>&lt;b&gt;%n&lt;/b&gt; exclus</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+83" />
        <source>%n contact(s) transmis à {0}.
Fichier : {1}
Empreinte SHA-256 : {2}</source>
        <translation><numerusform>%n contact transmis à {0}.
Fichier : {1}
Empreinte SHA-256 : {2}</numerusform><numerusform>%n contacts transmis à {0}.
Fichier : {1}
Empreinte SHA-256 : {2}</numerusform></translation>
    </message>
    <message>
        <location line="-65" />
        <source>Choisissez d'abord un partenaire.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+37" />
        <source>Fichier pour {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Classeur (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Écriture du fichier…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Aucun contact ne peut être transmis à {0} : aucun fichier écrit.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>{0} sans leur numéro (pas d'accord pour être appelés par ce partenaire).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Transmission à {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PdfPreview</name>
    <message>
        <location filename="../../gui/pdf_preview.py" line="+32" />
        <source>Aucun document</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Page </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Imprimer…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+26" />
        <source>sur %n</source>
        <translation><numerusform>sur %n</numerusform><numerusform>sur %n</numerusform></translation>
    </message>
    <message>
        <location line="+28" />
        <source>Imprimer à 100 % (sans ajustement à la page)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PhoneCampaignDialog</name>
    <message>
        <location filename="../../gui/phone_campaign_dialog.py" line="+38" />
        <source>Nouvelle campagne téléphonique</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>ex. Nouvelle collection de cuisines</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>vide : tous les contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Objet des appels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Caté&amp;gorie de l'objet</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Finalité</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>&amp;Contacts (recherche)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Un particulier n'est appelé qu'avec son consentement, ou si la campagne porte sur l'objet d'un contrat en cours avec lui (choisissez alors cet objet dans la liste).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+31" />
        <source>Je confirme que ces appels ne portent pas sur : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>Cet objet ressemble à « {0} », interdit au téléphone hors contrat en cours : choisissez cette catégorie, ou confirmez qu'il s'agit d'autre chose.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>PropagationScreen</name>
    <message>
        <location filename="../../gui/propagation_screen.py" line="+21" />
        <source>N°</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Personne</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Événement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Portée</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Due le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>En retard après le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Envoyée le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Méthode</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Accusé le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Statut</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&amp;Générer la notification du partenaire…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>&amp;Accusé de réception reçu</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Notification &amp;reçue d'un partenaire…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Exporter le &amp;registre…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>&lt;b&gt;Notifications aux partenaires&lt;/b&gt;</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Afficher :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Moyen d'envoi :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Accusé de réception &amp;le :</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+32" />
        <source>&lt;span style='color:#B00020'&gt;&lt;b&gt;%n notification(s) en retard&lt;/b&gt; : la loi demande d'informer les partenaires sans délai (RGPD art. 19).&lt;/span&gt;</source>
        <translation><numerusform>&lt;span style='color:#B00020'&gt;&lt;b&gt;%n notification en retard&lt;/b&gt; : la loi demande d'informer les partenaires sans délai (RGPD art. 19).&lt;/span&gt;</numerusform><numerusform>&lt;span style='color:#B00020'&gt;&lt;b&gt;%n notifications en retard&lt;/b&gt; : la loi demande d'informer les partenaires sans délai (RGPD art. 19).&lt;/span&gt;</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+40" />
        <source>%n notification(s) pour {0} marquée(s) envoyée(s).
Lettre : {1}
Liste : {2}</source>
        <translation><numerusform>%n notification pour {0} marquée envoyée.
Lettre : {1}
Liste : {2}</numerusform><numerusform>%n notifications pour {0} marquées envoyées.
Lettre : {1}
Liste : {2}</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+45" />
        <source>%n opposition(s) enregistrée(s)</source>
        <translation><numerusform>%n opposition enregistrée</numerusform><numerusform>%n oppositions enregistrées</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n personne(s) inconnue(s) ajoutée(s) à la liste d'opposition</source>
        <translation><numerusform>%n personne inconnue ajoutée à la liste d'opposition</numerusform><numerusform>%n personnes inconnues ajoutées à la liste d'opposition</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n notification(s) à envoyer aux autres partenaires.</source>
        <translation><numerusform>%n notification à envoyer aux autres partenaires.</numerusform><numerusform>%n notifications à envoyer aux autres partenaires.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>%n ligne(s) exportée(s) dans {0}.</source>
        <translation><numerusform>%n ligne exportée dans {0}.</numerusform><numerusform>%n lignes exportées dans {0}.</numerusform></translation>
    </message>
    <message>
        <location line="-96" />
        <source>Aucune notification en retard.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Choisissez d'abord une notification dans la liste.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Dossier où écrire la lettre et la liste</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+34" />
        <source>Aucun partenaire enregistré.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Liste du partenaire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Classeurs (*.xlsx *.ods *.csv)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+28" />
        <source>Registre des notifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Classeur (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QFileDialog</name>
    <message>
        <location filename="../../gui/app.py" line="-50" />
        <source>&amp;Look in:</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>QPlatformTheme</name>
    <message>
        <location line="+1" />
        <source>Cancel</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RegistersScreen</name>
    <message>
        <location filename="../../gui/registers_screen.py" line="+55" />
        <source>Les registres prouvent, personne par personne, ce qui a été fait : ils s'exportent en classeur Excel (en-têtes en français, dates réelles, aucune formule).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Registres</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Exporter en {0}…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>Exporter &amp;tous les registres…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Tous les registres, dans un dossier daté « registres-AAAA-MM-JJ » : ce qu'on remet à la CNIL.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <location line="+58" />
        <location line="+2" />
        <source>Journal des opérations</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-54" />
        <source>&amp;Vérifier le journal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <location line="+84" />
        <source>Fin de conservation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-79" />
        <source>Voir la &amp;liste…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>&amp;Anonymiser les personnes échues…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Personne n'a dépassé la durée de conservation.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+18" />
        <source>Vérification du journal…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Personnes au-delà de la durée de conservation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Référence</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Nom</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Échue le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Pourquoi</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Lettre envoyée le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Suite</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>À anonymiser : </source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Anonymiser</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+12" />
        <source>%n personne(s) anonymisée(s).</source>
        <translation><numerusform>%n personne anonymisée.</numerusform><numerusform>%n personnes anonymisées.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+21" />
        <source>{0} : %n ligne(s) écrite(s) dans
{1}</source>
        <translation><numerusform>{0} : %n ligne écrite dans
{1}</numerusform><numerusform>{0} : %n lignes écrites dans
{1}</numerusform></translation>
    </message>
    <message>
        <location line="+6" />
        <source>Dossier où créer « registres-AAAA-MM-JJ »</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>{0}…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+6" />
        <source>%n registre(s) exporté(s) dans
{0}</source>
        <translation><numerusform>%n registre exporté dans
{0}</numerusform><numerusform>%n registres exportés dans
{0}</numerusform></translation>
    </message>
    <message>
        <location line="+3" />
        <source>Export de tous les registres</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-41" />
        <source>Fin de conservation…</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="-69" />
        <source>%n personne(s) au-delà de la durée de conservation</source>
        <translation><numerusform>%n personne au-delà de la durée de conservation</numerusform><numerusform>%n personnes au-delà de la durée de conservation</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n à anonymiser maintenant</source>
        <translation><numerusform>%n à anonymiser maintenant</numerusform><numerusform>%n à anonymiser maintenant</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+1" />
        <source>%n en attente (lettre de renouvellement à envoyer — Campagnes, « Lettre de renouvellement » — ou réponse attendue).</source>
        <translation><numerusform>%n en attente (lettre de renouvellement à envoyer — Campagnes, « Lettre de renouvellement » — ou réponse attendue).</numerusform><numerusform>%n en attente (lettre de renouvellement à envoyer — Campagnes, « Lettre de renouvellement » — ou réponse attendue).</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+11" />
        <source>%n événement(s) vérifié(s)…</source>
        <translation><numerusform>%n événement vérifié…</numerusform><numerusform>%n événements vérifiés…</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+39" />
        <source>Anonymiser %n personne(s) (leur nom, leurs coordonnées et leurs notes sont effacés ; les oppositions restent sur la liste d'opposition) ?

Une sauvegarde de la base est faite d'abord.</source>
        <translation><numerusform>Anonymiser %n personne (leur nom, leurs coordonnées et leurs notes sont effacés ; les oppositions restent sur la liste d'opposition) ?

Une sauvegarde de la base est faite d'abord.</numerusform><numerusform>Anonymiser %n personnes (leur nom, leurs coordonnées et leurs notes sont effacés ; les oppositions restent sur la liste d'opposition) ?

Une sauvegarde de la base est faite d'abord.</numerusform></translation>
    </message>
    <message>
        <location line="+21" />
        <source>Classeur Excel (*.xlsx)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+0" />
        <source>Document PDF (*.pdf)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Exporter : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+16" />
        <source>Export : {0}</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>RequestsScreen</name>
    <message>
        <location filename="../../gui/requests_screen.py" line="+18" />
        <source>Nouvelle demande</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>C-000123 (facultatif)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Nom de la personne (si elle n'est pas dans la base)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+14" />
        <source>Téléphone</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Enregistrer la demande</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Type</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Contact</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Demandeur</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Reçue le</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Canal</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Détails</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Portée de l'opposition</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Personne absente de la base</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Toutes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>À traiter dans les 7 jours</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+10" />
        <source>Prolonger…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Répondre…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Afficher :</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+45" />
        <source>%n demande(s)</source>
        <translation><numerusform>%n demande</numerusform><numerusform>%n demandes</numerusform></translation>
    </message>
    <message>
        <location line="+0" />
        <source>, dont {0} en retard</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+50" />
        <source>%n identifiant(s) mis en liste d'opposition.</source>
        <translation><numerusform>%n identifiant mis en liste d'opposition.</numerusform><numerusform>%n identifiants mis en liste d'opposition.</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+7" />
        <source>%n notification(s) à envoyer aux partenaires.</source>
        <translation><numerusform>%n notification à envoyer aux partenaires.</numerusform><numerusform>%n notifications à envoyer aux partenaires.</numerusform></translation>
    </message>
    <message>
        <location line="-9" />
        <source>Opposition enregistrée : effective dès maintenant, partout.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Contact effacé (anonymisé).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Champs effacés : {0}.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Dossier de la personne écrit : {0}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+17" />
        <source>Dossier où écrire les données de la personne</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Sections</name>
    <message>
        <location filename="../../gui/sections.py" line="+43" />
        <source>Tableau de bord</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Contacts</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Formulaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Partenaires</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Campagnes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Appels</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Oppositions</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Notifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Demandes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Registres</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Réglages</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SettingsScreen</name>
    <message>
        <location filename="../../gui/settings_screen.py" line="+55" />
        <source>L'identité de l'organisation figure sur chaque courrier et chaque notice d'information (RGPD, articles 13 et 14). Les durées s'appliquent à toute la base, sur tous les postes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Identité de l'organisation</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Règles et durées</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Sauvegardes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-4" />
        <location line="+97" />
        <source>Chiffrer les sauvegardes…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-110" />
        <source>Elle figure sur chaque courrier et chaque notice d'information (RGPD, articles 13 et 14) ; le reste se règle plus tard dans Réglages.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+21" />
        <source>Chiffrement</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+13" />
        <source>Enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+2" />
        <source>Annuler les modifications</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+44" />
        <source>Valeur par défaut : {value}</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+26" />
        <source>Les sauvegardes sont chiffrées (phrase secrète).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Les sauvegardes ne sont pas chiffrées.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Changer la phrase secrète…</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <location line="+9" />
        <source>Chiffrer les sauvegardes</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-8" />
        <source>Phrase secrète (10 caractères au moins). Sans elle, une sauvegarde chiffrée ne peut pas être restaurée : notez-la en lieu sûr.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+9" />
        <source>La même phrase, encore une fois :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Les deux phrases diffèrent : rien n'a changé.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+4" />
        <source>Les prochaines sauvegardes seront chiffrées.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+7" />
        <source>Des réglages modifiés ne sont pas enregistrés. Quitter les Réglages sans les enregistrer ?</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <location line="+11" />
        <source>Réglages non enregistrés</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-11" />
        <source>Quitter sans enregistrer</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+15" />
        <source>Réglages enregistrés.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SheetPage</name>
    <message>
        <location filename="../../gui/import_wizard.py" line="-256" />
        <source>Feuille et ligne d'en-tête</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Vérifiez la feuille et la ligne qui contient les noms des colonnes.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+8" />
        <source>Feuille :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Ligne d'en-tête :</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+40" />
        <source>%Ln ligne(s) de données sous l'en-tête</source>
        <translation><numerusform>%Ln ligne de données sous l'en-tête</numerusform><numerusform>%Ln lignes de données sous l'en-tête</numerusform></translation>
    </message>
    <message numerus="yes">
        <location line="+2" />
        <source>%n colonne(s).</source>
        <translation><numerusform>%n colonne.</numerusform><numerusform>%n colonnes.</numerusform></translation>
    </message>
    <message>
        <location line="+16" />
        <source>Aucune ligne de données sous la ligne d'en-tête choisie.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>SourcePage</name>
    <message>
        <location line="+200" />
        <location line="+70" />
        <source>Origine des données</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-67" />
        <source>Obligatoire : d'où viennent ces contacts ? Elle décide de l'information due aux personnes (RGPD art. 13 pour une collecte directe, art. 14 sinon).</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+5" />
        <source>— choisissez —</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>Ex. « Salon de l'habitat 2026 », nom du partenaire ou du courtier</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+11" />
        <source>Type de source :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Nom de la source :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Date d'obtention :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+1" />
        <source>Formulaire de collecte :</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+6" />
        <source>(aucun)</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+12" />
        <source>Le fichier contient des réponses du formulaire : choisissez la version que les personnes ont remplie.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Aucune colonne de consentement dans le fichier.</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Step</name>
    <message>
        <location filename="../../gui/first_start.py" line="-186" />
        <location line="+30" />
        <source>Passer cette étape</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="-9" />
        <source>✓ Fait</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Étape passée : vous pourrez y revenir à tout moment.</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>À faire</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+3" />
        <source>Reprendre</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>Task</name>
    <message>
        <location filename="../../gui/tasks.py" line="+81" />
        <source>Annuler</source>
        <translation type="unfinished" />
    </message>
    <message>
        <location line="+22" />
        <source>Annulation en cours…</source>
        <translation type="unfinished" />
    </message>
</context>
<context>
    <name>wizard</name>
    <message>
        <location filename="../../gui/import_wizard.py" line="+214" />
        <source>Rapport des lignes à revoir</source>
        <translation type="unfinished" />
    </message>
    <message numerus="yes">
        <location line="+14" />
        <source>%n ligne(s) enregistrée(s) dans {path}.</source>
        <translation><numerusform>%n ligne enregistrée dans {path}.</numerusform><numerusform>%n lignes enregistrées dans {path}.</numerusform></translation>
    </message>
</context>
</TS>