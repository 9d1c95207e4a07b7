import type { AreaText } from './area.ts';

const en = {
  nav: 'Knowledge base', title: 'Knowledge base', goKb: 'Go to the knowledge base', tabsLabel: 'Knowledge base sections',
  tabs: { articles: 'Articles', categories: 'Categories', importExport: 'Import and export' },
  intro: 'Articles for customers (public) and for agents (internal), one text per language. Press N for a new article.',
  search: 'Search titles', category: 'Category', anyCategory: 'Any category', noCategory: '(no category)', state: 'State', anyState: 'Any state',
  language: 'Language', anyLanguage: 'Any language', visibility: 'Visibility', anyVisibility: 'Any visibility',
  newArticle: 'New article (N)', tableLabel: 'Articles', colTitle: 'Title', colLanguages: 'Languages', colUpdated: 'Updated', noArticles: 'No articles match.',
  states: { draft: 'Draft', review: 'In review', published: 'Published', archived: 'Archived' },
  visibilities: { public: 'Public', internal: 'Internal (agents only)' },
  languages: { en: 'English', cy: 'Welsh', pl: 'Polish', hi: 'Hindi', 'zh-Hans': 'Chinese (Simplified)', 'zh-Hant': 'Chinese (Traditional)' },
  editor: {
    newTitle: 'New article', editTitle: 'Edit: {{title}}', back: 'All articles', languagesLabel: 'Languages of this article', addLanguage: 'Add language', languageCode: 'Language code (e.g. de, fr-CA)',
    titleField: 'Title', body: 'Body', toolbar: 'Formatting', bold: 'Bold (Ctrl+B)', italic: 'Italic (Ctrl+I)', heading: 'Heading', bullets: 'Bulleted list', numbers: 'Numbered list',
    link: 'Link', code: 'Code', image: 'Insert image', linkPrompt: 'Link address (https://…)', save: 'Save (Ctrl+S)', saved: '{{language}} saved as version {{version}}.', stateIs: 'State: {{state}}, version {{version}}',
    toState: { draft: 'Back to draft', review: 'Send for review', published: 'Publish', archived: 'Archive' }, stateChanged: '{{language}} is now: {{state}}.',
    settings: 'Article settings', tags: 'Tags', tagsHint: 'Separated by commas', related: 'Related articles', addRelated: 'Add a related article', choose: 'Choose…', removeRelated: 'Remove {{title}}',
    saveSettings: 'Save settings', settingsSaved: 'Settings saved.', deleteArticle: 'Delete article', confirmDelete: 'Delete “{{title}}” in every language, with its history?',
    removeLanguage: 'Remove {{language}}', confirmRemoveLanguage: 'Remove the {{language}} text and stop showing it?', stats: 'Views: {{views}} · helpful: {{yes}} · not helpful: {{no}}', unsaved: 'Not saved yet',
  },
  versions: {
    title: 'Version history', version: 'Version {{version}}', reasons: { edit: 'edited', restore: 'restored', import: 'imported', seed: 'demo content' }, by: '{{when}}, {{reason}}',
    compare: 'Compare version {{version}} with the one before', restore: 'Restore version {{version}}', confirmRestore: 'Make version {{version}} the current text? The history is kept.',
    restored: 'Version {{version}} is the current text again.', diffTitle: 'Changes from version {{from}} to {{to}}', added: 'Added', removed: 'Removed', none: 'No versions yet.', closeDiff: 'Close comparison',
  },
  categories: {
    intro: 'Categories and their sections, in the order the help center shows them.', name: 'Name', parent: 'Inside', topLevel: '(top level)', add: 'Add category', added: '“{{name}}” added.',
    rename: 'Rename {{name}}', renamePrompt: 'New name', moveUp: 'Move {{name}} up', moveDown: 'Move {{name}} down', moveTo: 'Move {{name}} into', remove: 'Delete {{name}}',
    confirmRemove: 'Delete the category “{{name}}”?', none: 'No categories yet.', treeLabel: 'Category tree',
  },
  io: {
    importTitle: 'Import articles', importIntro: 'Choose .md files with front-matter (title, category, language, tags, visibility, state) or one CSV file (language, title, category, tags, visibility, state, body_markdown). Good rows are imported, bad rows are listed.',
    files: 'Files', upload: 'Import', progressLabel: 'Import progress', progressText: '{{processed}} of {{total}} rows ({{percent}} %)', summary: '{{imported}} imported, {{rejected}} refused.',
    rejectedTitle: 'Refused rows', colRow: 'Row', colReason: 'Why', noneRejected: 'No row was refused.', noFiles: 'Choose at least one file.', mixed: 'Choose .md files, or a single .csv file.',
    exportTitle: 'Export', exportIntro: 'Every article text, optionally of one language.', exportMarkdown: 'Download Markdown (JSON bundle)', exportCsv: 'Download CSV', statuses: { queued: 'Queued', running: 'Running', done: 'Done', failed: 'Failed' },
  },
};

const cy: typeof en = {
  nav: 'Cronfa wybodaeth', title: 'Cronfa wybodaeth', goKb: 'Mynd i’r gronfa wybodaeth', tabsLabel: 'Adrannau’r gronfa wybodaeth',
  tabs: { articles: 'Erthyglau', categories: 'Categorïau', importExport: 'Mewnforio ac allforio' },
  intro: 'Erthyglau i gwsmeriaid (cyhoeddus) ac i asiantau (mewnol), un testun i bob iaith. Pwyswch N am erthygl newydd.',
  search: 'Chwilio teitlau', category: 'Categori', anyCategory: 'Unrhyw gategori', noCategory: '(dim categori)', state: 'Cyflwr', anyState: 'Unrhyw gyflwr',
  language: 'Iaith', anyLanguage: 'Unrhyw iaith', visibility: 'Gwelededd', anyVisibility: 'Unrhyw welededd',
  newArticle: 'Erthygl newydd (N)', tableLabel: 'Erthyglau', colTitle: 'Teitl', colLanguages: 'Ieithoedd', colUpdated: 'Diweddarwyd', noArticles: 'Does dim erthyglau’n cyfateb.',
  states: { draft: 'Drafft', review: 'Yn cael ei adolygu', published: 'Wedi’i chyhoeddi', archived: 'Wedi’i harchifo' },
  visibilities: { public: 'Cyhoeddus', internal: 'Mewnol (asiantau yn unig)' },
  languages: { en: 'Saesneg', cy: 'Cymraeg', pl: 'Pwyleg', hi: 'Hindi', 'zh-Hans': 'Tsieinëeg (syml)', 'zh-Hant': 'Tsieinëeg (traddodiadol)' },
  editor: {
    newTitle: 'Erthygl newydd', editTitle: 'Golygu: {{title}}', back: 'Pob erthygl', languagesLabel: 'Ieithoedd yr erthygl hon', addLanguage: 'Ychwanegu iaith', languageCode: 'Cod iaith (e.e. de, fr-CA)',
    titleField: 'Teitl', body: 'Corff', toolbar: 'Fformatio', bold: 'Trwm (Ctrl+B)', italic: 'Italig (Ctrl+I)', heading: 'Pennawd', bullets: 'Rhestr bwledi', numbers: 'Rhestr wedi’i rhifo',
    link: 'Dolen', code: 'Cod', image: 'Mewnosod delwedd', linkPrompt: 'Cyfeiriad y ddolen (https://…)', save: 'Cadw (Ctrl+S)', saved: 'Cadwyd {{language}} fel fersiwn {{version}}.', stateIs: 'Cyflwr: {{state}}, fersiwn {{version}}',
    toState: { draft: 'Yn ôl i ddrafft', review: 'Anfon i’w adolygu', published: 'Cyhoeddi', archived: 'Archifo' }, stateChanged: 'Mae {{language}} bellach: {{state}}.',
    settings: 'Gosodiadau’r erthygl', tags: 'Tagiau', tagsHint: 'Wedi’u gwahanu gan atalnodau', related: 'Erthyglau perthnasol', addRelated: 'Ychwanegu erthygl berthnasol', choose: 'Dewiswch…', removeRelated: 'Tynnu {{title}}',
    saveSettings: 'Cadw’r gosodiadau', settingsSaved: 'Cadwyd y gosodiadau.', deleteArticle: 'Dileu’r erthygl', confirmDelete: 'Dileu “{{title}}” ym mhob iaith, gyda’i hanes?',
    removeLanguage: 'Tynnu {{language}}', confirmRemoveLanguage: 'Tynnu’r testun {{language}} a pheidio â’i ddangos?', stats: 'Golygon: {{views}} · defnyddiol: {{yes}} · ddim yn ddefnyddiol: {{no}}', unsaved: 'Heb ei gadw eto',
  },
  versions: {
    title: 'Hanes fersiynau', version: 'Fersiwn {{version}}', reasons: { edit: 'golygwyd', restore: 'adferwyd', import: 'mewnforiwyd', seed: 'cynnwys demo' }, by: '{{when}}, {{reason}}',
    compare: 'Cymharu fersiwn {{version}} â’r un cynt', restore: 'Adfer fersiwn {{version}}', confirmRestore: 'Gwneud fersiwn {{version}} yn destun cyfredol? Mae’r hanes yn cael ei gadw.',
    restored: 'Fersiwn {{version}} yw’r testun cyfredol eto.', diffTitle: 'Newidiadau o fersiwn {{from}} i {{to}}', added: 'Ychwanegwyd', removed: 'Tynnwyd', none: 'Dim fersiynau eto.', closeDiff: 'Cau’r gymhariaeth',
  },
  categories: {
    intro: 'Categorïau a’u hadrannau, yn y drefn y mae’r ganolfan gymorth yn eu dangos.', name: 'Enw', parent: 'Y tu mewn i', topLevel: '(lefel uchaf)', add: 'Ychwanegu categori', added: 'Ychwanegwyd “{{name}}”.',
    rename: 'Ailenwi {{name}}', renamePrompt: 'Enw newydd', moveUp: 'Symud {{name}} i fyny', moveDown: 'Symud {{name}} i lawr', moveTo: 'Symud {{name}} i mewn i', remove: 'Dileu {{name}}',
    confirmRemove: 'Dileu’r categori “{{name}}”?', none: 'Dim categorïau eto.', treeLabel: 'Coeden categorïau',
  },
  io: {
    importTitle: 'Mewnforio erthyglau', importIntro: 'Dewiswch ffeiliau .md gyda blaenfater (title, category, language, tags, visibility, state) neu un ffeil CSV (language, title, category, tags, visibility, state, body_markdown). Mae rhesi da’n cael eu mewnforio, a rhesi gwael yn cael eu rhestru.',
    files: 'Ffeiliau', upload: 'Mewnforio', progressLabel: 'Cynnydd y mewnforio', progressText: '{{processed}} o {{total}} rhes ({{percent}} %)', summary: 'Mewnforiwyd {{imported}}, gwrthodwyd {{rejected}}.',
    rejectedTitle: 'Rhesi a wrthodwyd', colRow: 'Rhes', colReason: 'Pam', noneRejected: 'Ni wrthodwyd unrhyw res.', noFiles: 'Dewiswch o leiaf un ffeil.', mixed: 'Dewiswch ffeiliau .md, neu un ffeil .csv.',
    exportTitle: 'Allforio', exportIntro: 'Pob testun erthygl, neu rai un iaith yn unig.', exportMarkdown: 'Lawrlwytho Markdown (bwndel JSON)', exportCsv: 'Lawrlwytho CSV', statuses: { queued: 'Yn y ciw', running: 'Ar waith', done: 'Wedi gorffen', failed: 'Wedi methu' },
  },
};

const pl: typeof en = {
  nav: 'Baza wiedzy', title: 'Baza wiedzy', goKb: 'Przejdź do bazy wiedzy', tabsLabel: 'Sekcje bazy wiedzy',
  tabs: { articles: 'Artykuły', categories: 'Kategorie', importExport: 'Import i eksport' },
  intro: 'Artykuły dla klientów (publiczne) i dla konsultantów (wewnętrzne), jeden tekst na język. Naciśnij N, aby dodać artykuł.',
  search: 'Szukaj w tytułach', category: 'Kategoria', anyCategory: 'Dowolna kategoria', noCategory: '(bez kategorii)', state: 'Stan', anyState: 'Dowolny stan',
  language: 'Język', anyLanguage: 'Dowolny język', visibility: 'Widoczność', anyVisibility: 'Dowolna widoczność',
  newArticle: 'Nowy artykuł (N)', tableLabel: 'Artykuły', colTitle: 'Tytuł', colLanguages: 'Języki', colUpdated: 'Zmieniono', noArticles: 'Brak pasujących artykułów.',
  states: { draft: 'Szkic', review: 'Do przeglądu', published: 'Opublikowany', archived: 'Zarchiwizowany' },
  visibilities: { public: 'Publiczny', internal: 'Wewnętrzny (tylko konsultanci)' },
  languages: { en: 'angielski', cy: 'walijski', pl: 'polski', hi: 'hindi', 'zh-Hans': 'chiński (uproszczony)', 'zh-Hant': 'chiński (tradycyjny)' },
  editor: {
    newTitle: 'Nowy artykuł', editTitle: 'Edycja: {{title}}', back: 'Wszystkie artykuły', languagesLabel: 'Języki tego artykułu', addLanguage: 'Dodaj język', languageCode: 'Kod języka (np. de, fr-CA)',
    titleField: 'Tytuł', body: 'Treść', toolbar: 'Formatowanie', bold: 'Pogrubienie (Ctrl+B)', italic: 'Kursywa (Ctrl+I)', heading: 'Nagłówek', bullets: 'Lista punktowana', numbers: 'Lista numerowana',
    link: 'Link', code: 'Kod', image: 'Wstaw obraz', linkPrompt: 'Adres linku (https://…)', save: 'Zapisz (Ctrl+S)', saved: 'Zapisano {{language}} jako wersję {{version}}.', stateIs: 'Stan: {{state}}, wersja {{version}}',
    toState: { draft: 'Cofnij do szkicu', review: 'Wyślij do przeglądu', published: 'Opublikuj', archived: 'Zarchiwizuj' }, stateChanged: '{{language}}: teraz {{state}}.',
    settings: 'Ustawienia artykułu', tags: 'Tagi', tagsHint: 'Oddzielone przecinkami', related: 'Powiązane artykuły', addRelated: 'Dodaj powiązany artykuł', choose: 'Wybierz…', removeRelated: 'Usuń {{title}}',
    saveSettings: 'Zapisz ustawienia', settingsSaved: 'Zapisano ustawienia.', deleteArticle: 'Usuń artykuł', confirmDelete: 'Usunąć „{{title}}” we wszystkich językach, razem z historią?',
    removeLanguage: 'Usuń {{language}}', confirmRemoveLanguage: 'Usunąć tekst {{language}} i przestać go pokazywać?', stats: 'Wyświetlenia: {{views}} · pomocne: {{yes}} · niepomocne: {{no}}', unsaved: 'Jeszcze niezapisany',
  },
  versions: {
    title: 'Historia wersji', version: 'Wersja {{version}}', reasons: { edit: 'edycja', restore: 'przywrócenie', import: 'import', seed: 'treść demonstracyjna' }, by: '{{when}}, {{reason}}',
    compare: 'Porównaj wersję {{version}} z poprzednią', restore: 'Przywróć wersję {{version}}', confirmRestore: 'Ustawić wersję {{version}} jako bieżący tekst? Historia zostanie zachowana.',
    restored: 'Wersja {{version}} znów jest bieżącym tekstem.', diffTitle: 'Zmiany od wersji {{from}} do {{to}}', added: 'Dodano', removed: 'Usunięto', none: 'Brak wersji.', closeDiff: 'Zamknij porównanie',
  },
  categories: {
    intro: 'Kategorie i ich sekcje, w kolejności, w jakiej pokazuje je centrum pomocy.', name: 'Nazwa', parent: 'Wewnątrz', topLevel: '(najwyższy poziom)', add: 'Dodaj kategorię', added: 'Dodano „{{name}}”.',
    rename: 'Zmień nazwę {{name}}', renamePrompt: 'Nowa nazwa', moveUp: 'Przesuń {{name}} w górę', moveDown: 'Przesuń {{name}} w dół', moveTo: 'Przenieś {{name}} do', remove: 'Usuń {{name}}',
    confirmRemove: 'Usunąć kategorię „{{name}}”?', none: 'Brak kategorii.', treeLabel: 'Drzewo kategorii',
  },
  io: {
    importTitle: 'Import artykułów', importIntro: 'Wybierz pliki .md z nagłówkiem front-matter (title, category, language, tags, visibility, state) albo jeden plik CSV (language, title, category, tags, visibility, state, body_markdown). Poprawne wiersze zostaną zaimportowane, błędne – wypisane.',
    files: 'Pliki', upload: 'Importuj', progressLabel: 'Postęp importu', progressText: '{{processed}} z {{total}} wierszy ({{percent}} %)', summary: 'Zaimportowano: {{imported}}, odrzucono: {{rejected}}.',
    rejectedTitle: 'Odrzucone wiersze', colRow: 'Wiersz', colReason: 'Powód', noneRejected: 'Nie odrzucono żadnego wiersza.', noFiles: 'Wybierz co najmniej jeden plik.', mixed: 'Wybierz pliki .md albo jeden plik .csv.',
    exportTitle: 'Eksport', exportIntro: 'Wszystkie teksty artykułów, opcjonalnie w jednym języku.', exportMarkdown: 'Pobierz Markdown (paczka JSON)', exportCsv: 'Pobierz CSV', statuses: { queued: 'W kolejce', running: 'W toku', done: 'Gotowe', failed: 'Niepowodzenie' },
  },
};

const hi: typeof en = {
  nav: 'नॉलेज बेस', title: 'नॉलेज बेस', goKb: 'नॉलेज बेस पर जाएँ', tabsLabel: 'नॉलेज बेस के भाग',
  tabs: { articles: 'लेख', categories: 'श्रेणियाँ', importExport: 'इम्पोर्ट और एक्सपोर्ट' },
  intro: 'ग्राहकों के लिए (सार्वजनिक) और एजेंटों के लिए (आंतरिक) लेख, हर भाषा में एक पाठ। नया लेख बनाने के लिए N दबाएँ।',
  search: 'शीर्षक खोजें', category: 'श्रेणी', anyCategory: 'कोई भी श्रेणी', noCategory: '(कोई श्रेणी नहीं)', state: 'स्थिति', anyState: 'कोई भी स्थिति',
  language: 'भाषा', anyLanguage: 'कोई भी भाषा', visibility: 'दृश्यता', anyVisibility: 'कोई भी दृश्यता',
  newArticle: 'नया लेख (N)', tableLabel: 'लेख', colTitle: 'शीर्षक', colLanguages: 'भाषाएँ', colUpdated: 'अपडेट किया गया', noArticles: 'कोई मेल खाता लेख नहीं।',
  states: { draft: 'ड्राफ़्ट', review: 'समीक्षा में', published: 'प्रकाशित', archived: 'संग्रहीत' },
  visibilities: { public: 'सार्वजनिक', internal: 'आंतरिक (केवल एजेंट)' },
  languages: { en: 'अंग्रेज़ी', cy: 'वेल्श', pl: 'पोलिश', hi: 'हिन्दी', 'zh-Hans': 'चीनी (सरलीकृत)', 'zh-Hant': 'चीनी (पारंपरिक)' },
  editor: {
    newTitle: 'नया लेख', editTitle: 'संपादन: {{title}}', back: 'सभी लेख', languagesLabel: 'इस लेख की भाषाएँ', addLanguage: 'भाषा जोड़ें', languageCode: 'भाषा कोड (जैसे de, fr-CA)',
    titleField: 'शीर्षक', body: 'मुख्य पाठ', toolbar: 'फ़ॉर्मैटिंग', bold: 'बोल्ड (Ctrl+B)', italic: 'इटैलिक (Ctrl+I)', heading: 'शीर्षक पंक्ति', bullets: 'बुलेट सूची', numbers: 'क्रमांकित सूची',
    link: 'लिंक', code: 'कोड', image: 'चित्र डालें', linkPrompt: 'लिंक का पता (https://…)', save: 'सहेजें (Ctrl+S)', saved: '{{language}} संस्करण {{version}} के रूप में सहेजा गया।', stateIs: 'स्थिति: {{state}}, संस्करण {{version}}',
    toState: { draft: 'ड्राफ़्ट में वापस', review: 'समीक्षा के लिए भेजें', published: 'प्रकाशित करें', archived: 'संग्रहीत करें' }, stateChanged: '{{language}} अब: {{state}}।',
    settings: 'लेख की सेटिंग', tags: 'टैग', tagsHint: 'अल्पविराम से अलग करें', related: 'संबंधित लेख', addRelated: 'संबंधित लेख जोड़ें', choose: 'चुनें…', removeRelated: '{{title}} हटाएँ',
    saveSettings: 'सेटिंग सहेजें', settingsSaved: 'सेटिंग सहेजी गई।', deleteArticle: 'लेख हटाएँ', confirmDelete: '“{{title}}” को सभी भाषाओं में, उसके इतिहास सहित, हटाएँ?',
    removeLanguage: '{{language}} हटाएँ', confirmRemoveLanguage: '{{language}} पाठ हटाएँ और उसे दिखाना बंद करें?', stats: 'देखा गया: {{views}} · उपयोगी: {{yes}} · उपयोगी नहीं: {{no}}', unsaved: 'अभी सहेजा नहीं गया',
  },
  versions: {
    title: 'संस्करण इतिहास', version: 'संस्करण {{version}}', reasons: { edit: 'संपादित', restore: 'बहाल किया गया', import: 'इम्पोर्ट किया गया', seed: 'डेमो सामग्री' }, by: '{{when}}, {{reason}}',
    compare: 'संस्करण {{version}} की पिछले से तुलना करें', restore: 'संस्करण {{version}} बहाल करें', confirmRestore: 'संस्करण {{version}} को मौजूदा पाठ बनाएँ? इतिहास बना रहेगा।',
    restored: 'संस्करण {{version}} फिर से मौजूदा पाठ है।', diffTitle: 'संस्करण {{from}} से {{to}} तक के बदलाव', added: 'जोड़ा गया', removed: 'हटाया गया', none: 'अभी कोई संस्करण नहीं।', closeDiff: 'तुलना बंद करें',
  },
  categories: {
    intro: 'श्रेणियाँ और उनके खंड, उसी क्रम में जिसमें सहायता केंद्र उन्हें दिखाता है।', name: 'नाम', parent: 'किसके अंदर', topLevel: '(सबसे ऊपर)', add: 'श्रेणी जोड़ें', added: '“{{name}}” जोड़ी गई।',
    rename: '{{name}} का नाम बदलें', renamePrompt: 'नया नाम', moveUp: '{{name}} को ऊपर ले जाएँ', moveDown: '{{name}} को नीचे ले जाएँ', moveTo: '{{name}} को इसमें ले जाएँ', remove: '{{name}} हटाएँ',
    confirmRemove: 'श्रेणी “{{name}}” हटाएँ?', none: 'अभी कोई श्रेणी नहीं।', treeLabel: 'श्रेणियों का वृक्ष',
  },
  io: {
    importTitle: 'लेख इम्पोर्ट करें', importIntro: 'फ़्रंट-मैटर (title, category, language, tags, visibility, state) वाली .md फ़ाइलें या एक CSV फ़ाइल (language, title, category, tags, visibility, state, body_markdown) चुनें। सही पंक्तियाँ इम्पोर्ट होंगी, गलत पंक्तियों की सूची दिखेगी।',
    files: 'फ़ाइलें', upload: 'इम्पोर्ट करें', progressLabel: 'इम्पोर्ट की प्रगति', progressText: '{{total}} में से {{processed}} पंक्तियाँ ({{percent}} %)', summary: '{{imported}} इम्पोर्ट हुईं, {{rejected}} अस्वीकार हुईं।',
    rejectedTitle: 'अस्वीकार पंक्तियाँ', colRow: 'पंक्ति', colReason: 'कारण', noneRejected: 'कोई पंक्ति अस्वीकार नहीं हुई।', noFiles: 'कम से कम एक फ़ाइल चुनें।', mixed: '.md फ़ाइलें चुनें, या एक .csv फ़ाइल।',
    exportTitle: 'एक्सपोर्ट', exportIntro: 'सभी लेखों के पाठ, चाहें तो केवल एक भाषा के।', exportMarkdown: 'Markdown डाउनलोड करें (JSON बंडल)', exportCsv: 'CSV डाउनलोड करें', statuses: { queued: 'कतार में', running: 'चल रहा है', done: 'पूरा हुआ', failed: 'विफल' },
  },
};

const zhHans: typeof en = {
  nav: '知识库', title: '知识库', goKb: '前往知识库', tabsLabel: '知识库栏目',
  tabs: { articles: '文章', categories: '分类', importExport: '导入和导出' },
  intro: '面向客户（公开）和面向客服（内部）的文章，每种语言一份文本。按 N 新建文章。',
  search: '搜索标题', category: '分类', anyCategory: '全部分类', noCategory: '（无分类）', state: '状态', anyState: '全部状态',
  language: '语言', anyLanguage: '全部语言', visibility: '可见范围', anyVisibility: '全部可见范围',
  newArticle: '新建文章 (N)', tableLabel: '文章', colTitle: '标题', colLanguages: '语言', colUpdated: '更新时间', noArticles: '没有符合条件的文章。',
  states: { draft: '草稿', review: '审核中', published: '已发布', archived: '已归档' },
  visibilities: { public: '公开', internal: '内部（仅客服）' },
  languages: { en: '英语', cy: '威尔士语', pl: '波兰语', hi: '印地语', 'zh-Hans': '简体中文', 'zh-Hant': '繁体中文' },
  editor: {
    newTitle: '新建文章', editTitle: '编辑：{{title}}', back: '全部文章', languagesLabel: '本文章的语言', addLanguage: '添加语言', languageCode: '语言代码（如 de、fr-CA）',
    titleField: '标题', body: '正文', toolbar: '格式', bold: '加粗 (Ctrl+B)', italic: '斜体 (Ctrl+I)', heading: '标题行', bullets: '项目符号列表', numbers: '编号列表',
    link: '链接', code: '代码', image: '插入图片', linkPrompt: '链接地址（https://…）', save: '保存 (Ctrl+S)', saved: '{{language}} 已保存为第 {{version}} 版。', stateIs: '状态：{{state}}，第 {{version}} 版',
    toState: { draft: '退回草稿', review: '提交审核', published: '发布', archived: '归档' }, stateChanged: '{{language}} 现在为：{{state}}。',
    settings: '文章设置', tags: '标签', tagsHint: '用逗号分隔', related: '相关文章', addRelated: '添加相关文章', choose: '请选择…', removeRelated: '移除 {{title}}',
    saveSettings: '保存设置', settingsSaved: '设置已保存。', deleteArticle: '删除文章', confirmDelete: '删除“{{title}}”的所有语言版本及其历史记录？',
    removeLanguage: '移除 {{language}}', confirmRemoveLanguage: '移除 {{language}} 文本并停止显示？', stats: '浏览：{{views}} · 有帮助：{{yes}} · 没帮助：{{no}}', unsaved: '尚未保存',
  },
  versions: {
    title: '版本历史', version: '第 {{version}} 版', reasons: { edit: '编辑', restore: '恢复', import: '导入', seed: '演示内容' }, by: '{{when}}，{{reason}}',
    compare: '将第 {{version}} 版与上一版比较', restore: '恢复第 {{version}} 版', confirmRestore: '将第 {{version}} 版设为当前文本？历史记录会保留。',
    restored: '第 {{version}} 版已重新成为当前文本。', diffTitle: '从第 {{from}} 版到第 {{to}} 版的更改', added: '新增', removed: '删除', none: '暂无版本。', closeDiff: '关闭比较',
  },
  categories: {
    intro: '分类及其栏目，顺序与帮助中心的显示顺序一致。', name: '名称', parent: '上级', topLevel: '（顶级）', add: '添加分类', added: '已添加“{{name}}”。',
    rename: '重命名 {{name}}', renamePrompt: '新名称', moveUp: '上移 {{name}}', moveDown: '下移 {{name}}', moveTo: '将 {{name}} 移到', remove: '删除 {{name}}',
    confirmRemove: '删除分类“{{name}}”？', none: '暂无分类。', treeLabel: '分类树',
  },
  io: {
    importTitle: '导入文章', importIntro: '选择带前置元数据（title、category、language、tags、visibility、state）的 .md 文件，或一个 CSV 文件（language、title、category、tags、visibility、state、body_markdown）。正确的行会导入，错误的行会列出。',
    files: '文件', upload: '导入', progressLabel: '导入进度', progressText: '{{processed}} / {{total}} 行（{{percent}}%）', summary: '已导入 {{imported}} 行，拒绝 {{rejected}} 行。',
    rejectedTitle: '被拒绝的行', colRow: '行', colReason: '原因', noneRejected: '没有被拒绝的行。', noFiles: '请至少选择一个文件。', mixed: '请选择 .md 文件，或一个 .csv 文件。',
    exportTitle: '导出', exportIntro: '所有文章文本，可只导出一种语言。', exportMarkdown: '下载 Markdown（JSON 包）', exportCsv: '下载 CSV', statuses: { queued: '排队中', running: '进行中', done: '已完成', failed: '失败' },
  },
};

const zhHant: typeof en = {
  nav: '知識庫', title: '知識庫', goKb: '前往知識庫', tabsLabel: '知識庫欄目',
  tabs: { articles: '文章', categories: '分類', importExport: '匯入和匯出' },
  intro: '給客戶（公開）和給客服（內部）的文章，每種語言一份文字。按 N 新增文章。',
  search: '搜尋標題', category: '分類', anyCategory: '全部分類', noCategory: '（無分類）', state: '狀態', anyState: '全部狀態',
  language: '語言', anyLanguage: '全部語言', visibility: '可見範圍', anyVisibility: '全部可見範圍',
  newArticle: '新增文章 (N)', tableLabel: '文章', colTitle: '標題', colLanguages: '語言', colUpdated: '更新時間', noArticles: '沒有符合條件的文章。',
  states: { draft: '草稿', review: '審核中', published: '已發布', archived: '已封存' },
  visibilities: { public: '公開', internal: '內部（僅客服）' },
  languages: { en: '英語', cy: '威爾斯語', pl: '波蘭語', hi: '印地語', 'zh-Hans': '簡體中文', 'zh-Hant': '繁體中文' },
  editor: {
    newTitle: '新增文章', editTitle: '編輯：{{title}}', back: '全部文章', languagesLabel: '本文章的語言', addLanguage: '新增語言', languageCode: '語言代碼（如 de、fr-CA）',
    titleField: '標題', body: '內文', toolbar: '格式', bold: '粗體 (Ctrl+B)', italic: '斜體 (Ctrl+I)', heading: '標題列', bullets: '項目符號清單', numbers: '編號清單',
    link: '連結', code: '程式碼', image: '插入圖片', linkPrompt: '連結網址（https://…）', save: '儲存 (Ctrl+S)', saved: '{{language}} 已儲存為第 {{version}} 版。', stateIs: '狀態：{{state}}，第 {{version}} 版',
    toState: { draft: '退回草稿', review: '送交審核', published: '發布', archived: '封存' }, stateChanged: '{{language}} 現在為：{{state}}。',
    settings: '文章設定', tags: '標籤', tagsHint: '以逗號分隔', related: '相關文章', addRelated: '新增相關文章', choose: '請選擇…', removeRelated: '移除 {{title}}',
    saveSettings: '儲存設定', settingsSaved: '設定已儲存。', deleteArticle: '刪除文章', confirmDelete: '刪除「{{title}}」的所有語言版本及其歷史紀錄？',
    removeLanguage: '移除 {{language}}', confirmRemoveLanguage: '移除 {{language}} 文字並停止顯示？', stats: '瀏覽：{{views}} · 有幫助：{{yes}} · 沒幫助：{{no}}', unsaved: '尚未儲存',
  },
  versions: {
    title: '版本歷史', version: '第 {{version}} 版', reasons: { edit: '編輯', restore: '還原', import: '匯入', seed: '示範內容' }, by: '{{when}}，{{reason}}',
    compare: '將第 {{version}} 版與上一版比較', restore: '還原第 {{version}} 版', confirmRestore: '將第 {{version}} 版設為目前文字？歷史紀錄會保留。',
    restored: '第 {{version}} 版已重新成為目前文字。', diffTitle: '從第 {{from}} 版到第 {{to}} 版的變更', added: '新增', removed: '刪除', none: '尚無版本。', closeDiff: '關閉比較',
  },
  categories: {
    intro: '分類及其欄目，順序與說明中心的顯示順序一致。', name: '名稱', parent: '上層', topLevel: '（最上層）', add: '新增分類', added: '已新增「{{name}}」。',
    rename: '重新命名 {{name}}', renamePrompt: '新名稱', moveUp: '上移 {{name}}', moveDown: '下移 {{name}}', moveTo: '將 {{name}} 移到', remove: '刪除 {{name}}',
    confirmRemove: '刪除分類「{{name}}」？', none: '尚無分類。', treeLabel: '分類樹',
  },
  io: {
    importTitle: '匯入文章', importIntro: '選擇含前置資料（title、category、language、tags、visibility、state）的 .md 檔案，或一個 CSV 檔案（language、title、category、tags、visibility、state、body_markdown）。正確的列會匯入，錯誤的列會列出。',
    files: '檔案', upload: '匯入', progressLabel: '匯入進度', progressText: '{{processed}} / {{total}} 列（{{percent}}%）', summary: '已匯入 {{imported}} 列，拒絕 {{rejected}} 列。',
    rejectedTitle: '被拒絕的列', colRow: '列', colReason: '原因', noneRejected: '沒有被拒絕的列。', noFiles: '請至少選擇一個檔案。', mixed: '請選擇 .md 檔案，或一個 .csv 檔案。',
    exportTitle: '匯出', exportIntro: '所有文章文字，可只匯出一種語言。', exportMarkdown: '下載 Markdown（JSON 套件）', exportCsv: '下載 CSV', statuses: { queued: '排隊中', running: '進行中', done: '已完成', failed: '失敗' },
  },
};

/** The knowledge base's admin screens: articles, editor, versions, categories, import and export. */
export const kb: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
