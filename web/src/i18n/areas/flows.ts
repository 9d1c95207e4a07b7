import type { AreaText } from './area.ts';

const en = {
  title: 'Flows', nav: 'Flows', intro: 'Bots that answer first on an inbox: build a flow, try it in the simulator, publish it and assign it to an inbox.',
  search: 'Search flows', tableLabel: 'Flows', name: 'Name', published: 'Published', draft: 'Draft', inboxes: 'Inboxes', updated: 'Updated',
  empty: 'No flows yet.', new: 'New flow', create: 'Create and open', versionN: 'v{{n}}', back: 'All flows', actions: 'Actions',
  tabs: { flows: 'Flows', assignments: 'Inbox assignment', intents: 'Intents and hosts' },
  types: { message: 'Message', ask: 'Ask', menu: 'Menu', condition: 'Condition', set: 'Set variable', http: 'HTTP request', kb_answer: 'Knowledge-base answer', business_hours: 'Business hours', language: 'Language branch', intent: 'Intent', handover: 'Hand over', create_ticket: 'Create ticket', csat: 'CSAT', end: 'End' },
  languages: { en: 'English', cy: 'Welsh', pl: 'Polish', hi: 'Hindi', 'zh-Hans': 'Chinese (Simplified)', 'zh-Hant': 'Chinese (Traditional)' },
  status: { draft: 'Draft', published: 'Published' },
  editor: {
    title: 'Flow: {{name}}', inPort: 'Into {{id}}', outPort: '{{id}}, port {{port}}', start: 'start', problems: 'Problems', isStart: 'This is the start', makeStart: 'Start here',
    deleteNode: 'Delete {{id}}', textLanguage: 'Language of the texts', json: 'All settings (JSON)', jsonLabel: 'Node data as JSON', jsonObject: 'The data must be a JSON object', applyJson: 'Apply JSON',
    connections: 'Connections', portTo: 'Port {{port}} goes to', noTarget: '(nowhere)', missingTarget: '{{id}} (missing)',
    saved: 'Draft v{{version}} saved; {{problems}} problem(s) to fix before publishing.', published: 'Version {{version}} is published.', valid: 'No problems: ready to publish.', invalid: '{{count}} problem(s) found; they are shown on the nodes.',
    added: 'Node {{id}} added.', toolbar: 'Flow actions', save: 'Save draft (Ctrl+S)', validate: 'Check', publish: 'Publish', simulator: 'Simulator',
    variables: 'Variables', variablesHint: 'name:type, separated by commas (types: string, number, boolean, date, email, phone).', palette: 'Node types', add: 'Add {{type}}', canvas: 'Flow canvas',
    nodeList: 'Nodes', versions: 'Versions', version: 'Version', status: 'Status', when: 'When', open: 'Open v{{version}}',
  },
  fields: {
    text: 'Text', prompt: 'Question', invalidText: 'Said after a wrong answer', confirmText: '“Did that answer your question?”', rephraseText: '“Could you say it in other words?”',
    options: 'Options', optionKey: 'Key of option {{n}}', optionLabel: 'Label of option {{n}}', removeOption: 'Remove option {{n}}', addOption: 'Add option',
    kind: 'Answer type', variable: 'Store in variable', pattern: 'Pattern (regex)', retries: 'Retries', method: 'Method', url: 'URL', timeoutMs: 'Timeout (ms)',
    threshold: 'Confidence threshold (0–1)', maxAttempts: 'Attempts', handoverOnNegative: 'Hand over on a negative message', calendarId: 'Business calendar id', ask: 'Ask the customer',
    queueId: 'Queue id', priority: 'Priority', note: 'Note for the agent', subject: 'Subject', body: 'Body',
  },
  sim: {
    title: 'Simulator', language: 'Language', start: 'Start', restart: 'Start again', transcript: 'Conversation with the draft', from: { bot: 'Bot', you: 'You', system: 'Simulator' },
    status: { handover: 'The flow handed over to a person (not done in the simulator).', ended: 'The flow ended.' }, choices: 'Choices', message: 'Your message', send: 'Send',
    variables: 'Variables', notExecuted: 'Not carried out in the simulator: {{what}} {{reason}}',
  },
  assign: {
    title: 'Inbox assignment', intro: 'The published flow answers first on the inbox; a person takes over when it hands over.', inbox: 'Inbox', channel: 'Channel', flow: 'Flow',
    flowFor: 'Flow for {{inbox}}', none: '(no flow: straight to routing)', done: '{{flow}} now answers on {{inbox}}.', cleared: '{{inbox}} has no flow now.',
  },
  intents: {
    title: 'Intents and hosts', intro: 'Intents a flow recognises, learned offline from example phrases in any language.', search: 'Search intents', name: 'Name', examples: 'Example phrases',
    count: '{{count}} examples', edit: 'Edit {{name}}', delete: 'Delete {{name}}', empty: 'No intents yet.', new: 'New intent', editTitle: 'Edit {{name}}',
    examplesHint: 'One phrase per line, in any of the workspace’s languages.', save: 'Save intent', saved: 'Intent {{name}} saved.', deleted: 'Intent {{name}} deleted.', confirmDelete: 'Delete the intent {{name}}?',
  },
  hosts: { title: 'Hosts HTTP steps may call', label: 'Allowed hosts', hint: 'One per line, like api.example.com or *.example.com (its subdomains). HTTPS only, except localhost.', save: 'Save hosts', saved: '{{count}} host(s) allowed.' },
};

const cy: typeof en = {
  title: 'Llifau', nav: 'Llifau', intro: 'Botiau sy’n ateb gyntaf ar fewnflwch: adeiladwch lif, rhowch gynnig arno yn yr efelychydd, cyhoeddwch ef a’i neilltuo i fewnflwch.',
  search: 'Chwilio llifau', tableLabel: 'Llifau', name: 'Enw', published: 'Wedi’i gyhoeddi', draft: 'Drafft', inboxes: 'Mewnflychau', updated: 'Diweddarwyd',
  empty: 'Dim llifau eto.', new: 'Llif newydd', create: 'Creu ac agor', versionN: 'f{{n}}', back: 'Pob llif', actions: 'Camau',
  tabs: { flows: 'Llifau', assignments: 'Neilltuo i fewnflwch', intents: 'Bwriadau a gwesteiwyr' },
  types: { message: 'Neges', ask: 'Gofyn', menu: 'Dewislen', condition: 'Amod', set: 'Gosod newidyn', http: 'Cais HTTP', kb_answer: 'Ateb o’r sylfaen wybodaeth', business_hours: 'Oriau busnes', language: 'Cangen iaith', intent: 'Bwriad', handover: 'Trosglwyddo', create_ticket: 'Creu tocyn', csat: 'CSAT', end: 'Diwedd' },
  languages: { en: 'Saesneg', cy: 'Cymraeg', pl: 'Pwyleg', hi: 'Hindi', 'zh-Hans': 'Tsieinëeg (Symledig)', 'zh-Hant': 'Tsieinëeg (Traddodiadol)' },
  status: { draft: 'Drafft', published: 'Wedi’i gyhoeddi' },
  editor: {
    title: 'Llif: {{name}}', inPort: 'I mewn i {{id}}', outPort: '{{id}}, porth {{port}}', start: 'dechrau', problems: 'Problemau', isStart: 'Dyma’r dechrau', makeStart: 'Dechrau yma',
    deleteNode: 'Dileu {{id}}', textLanguage: 'Iaith y testunau', json: 'Pob gosodiad (JSON)', jsonLabel: 'Data’r nod fel JSON', jsonObject: 'Rhaid i’r data fod yn wrthrych JSON', applyJson: 'Defnyddio’r JSON',
    connections: 'Cysylltiadau', portTo: 'Mae porth {{port}} yn mynd i', noTarget: '(unman)', missingTarget: '{{id}} (ar goll)',
    saved: 'Drafft f{{version}} wedi’i gadw; {{problems}} problem i’w trwsio cyn cyhoeddi.', published: 'Mae fersiwn {{version}} wedi’i chyhoeddi.', valid: 'Dim problemau: yn barod i’w gyhoeddi.', invalid: 'Cafwyd {{count}} problem; maen nhw i’w gweld ar y nodau.',
    added: 'Ychwanegwyd nod {{id}}.', toolbar: 'Camau’r llif', save: 'Cadw drafft (Ctrl+S)', validate: 'Gwirio', publish: 'Cyhoeddi', simulator: 'Efelychydd',
    variables: 'Newidynnau', variablesHint: 'enw:math, wedi’u gwahanu gan atalnodau (mathau: string, number, boolean, date, email, phone).', palette: 'Mathau o nod', add: 'Ychwanegu {{type}}', canvas: 'Cynfas y llif',
    nodeList: 'Nodau', versions: 'Fersiynau', version: 'Fersiwn', status: 'Statws', when: 'Pryd', open: 'Agor f{{version}}',
  },
  fields: {
    text: 'Testun', prompt: 'Cwestiwn', invalidText: 'Yn cael ei ddweud ar ôl ateb anghywir', confirmText: '“Oedd hynny’n ateb eich cwestiwn?”', rephraseText: '“Allwch chi ei ddweud mewn geiriau eraill?”',
    options: 'Dewisiadau', optionKey: 'Allwedd dewis {{n}}', optionLabel: 'Label dewis {{n}}', removeOption: 'Tynnu dewis {{n}}', addOption: 'Ychwanegu dewis',
    kind: 'Math o ateb', variable: 'Cadw mewn newidyn', pattern: 'Patrwm (regex)', retries: 'Ailgeisiau', method: 'Dull', url: 'URL', timeoutMs: 'Terfyn amser (ms)',
    threshold: 'Trothwy hyder (0–1)', maxAttempts: 'Ymdrechion', handoverOnNegative: 'Trosglwyddo ar neges negyddol', calendarId: 'Id y calendr busnes', ask: 'Gofyn i’r cwsmer',
    queueId: 'Id y ciw', priority: 'Blaenoriaeth', note: 'Nodyn i’r asiant', subject: 'Pwnc', body: 'Corff',
  },
  sim: {
    title: 'Efelychydd', language: 'Iaith', start: 'Dechrau', restart: 'Dechrau eto', transcript: 'Sgwrs gyda’r drafft', from: { bot: 'Bot', you: 'Chi', system: 'Efelychydd' },
    status: { handover: 'Trosglwyddodd y llif i berson (nid yn yr efelychydd).', ended: 'Daeth y llif i ben.' }, choices: 'Dewisiadau', message: 'Eich neges', send: 'Anfon',
    variables: 'Newidynnau', notExecuted: 'Heb ei wneud yn yr efelychydd: {{what}} {{reason}}',
  },
  assign: {
    title: 'Neilltuo i fewnflwch', intro: 'Y llif cyhoeddedig sy’n ateb gyntaf ar y mewnflwch; mae person yn cymryd drosodd pan fydd yn trosglwyddo.', inbox: 'Mewnflwch', channel: 'Sianel', flow: 'Llif',
    flowFor: 'Llif ar gyfer {{inbox}}', none: '(dim llif: yn syth i’r llwybro)', done: 'Mae {{flow}} nawr yn ateb ar {{inbox}}.', cleared: 'Nid oes llif ar {{inbox}} bellach.',
  },
  intents: {
    title: 'Bwriadau a gwesteiwyr', intro: 'Bwriadau y mae llif yn eu hadnabod, wedi’u dysgu all-lein o ymadroddion enghreifftiol mewn unrhyw iaith.', search: 'Chwilio bwriadau', name: 'Enw', examples: 'Ymadroddion enghreifftiol',
    count: '{{count}} enghraifft', edit: 'Golygu {{name}}', delete: 'Dileu {{name}}', empty: 'Dim bwriadau eto.', new: 'Bwriad newydd', editTitle: 'Golygu {{name}}',
    examplesHint: 'Un ymadrodd i bob llinell, yn unrhyw un o ieithoedd y gweithle.', save: 'Cadw’r bwriad', saved: 'Cadwyd y bwriad {{name}}.', deleted: 'Dilëwyd y bwriad {{name}}.', confirmDelete: 'Dileu’r bwriad {{name}}?',
  },
  hosts: { title: 'Gwesteiwyr y caiff camau HTTP eu galw', label: 'Gwesteiwyr a ganiateir', hint: 'Un i bob llinell, fel api.example.com neu *.example.com (ei is-barthau). HTTPS yn unig, heblaw localhost.', save: 'Cadw gwesteiwyr', saved: 'Caniateir {{count}} gwesteiwr.' },
};

const pl: typeof en = {
  title: 'Przepływy', nav: 'Przepływy', intro: 'Boty, które odpowiadają jako pierwsze w skrzynce: zbuduj przepływ, wypróbuj go w symulatorze, opublikuj i przypisz do skrzynki.',
  search: 'Szukaj przepływów', tableLabel: 'Przepływy', name: 'Nazwa', published: 'Opublikowana', draft: 'Szkic', inboxes: 'Skrzynki', updated: 'Zmieniono',
  empty: 'Nie ma jeszcze przepływów.', new: 'Nowy przepływ', create: 'Utwórz i otwórz', versionN: 'v{{n}}', back: 'Wszystkie przepływy', actions: 'Działania',
  tabs: { flows: 'Przepływy', assignments: 'Przypisanie do skrzynek', intents: 'Intencje i hosty' },
  types: { message: 'Wiadomość', ask: 'Pytanie', menu: 'Menu', condition: 'Warunek', set: 'Ustaw zmienną', http: 'Żądanie HTTP', kb_answer: 'Odpowiedź z bazy wiedzy', business_hours: 'Godziny pracy', language: 'Rozgałęzienie językowe', intent: 'Intencja', handover: 'Przekazanie', create_ticket: 'Utwórz zgłoszenie', csat: 'CSAT', end: 'Koniec' },
  languages: { en: 'angielski', cy: 'walijski', pl: 'polski', hi: 'hindi', 'zh-Hans': 'chiński (uproszczony)', 'zh-Hant': 'chiński (tradycyjny)' },
  status: { draft: 'Szkic', published: 'Opublikowana' },
  editor: {
    title: 'Przepływ: {{name}}', inPort: 'Wejście do {{id}}', outPort: '{{id}}, port {{port}}', start: 'start', problems: 'Problemy', isStart: 'To jest start', makeStart: 'Zacznij tutaj',
    deleteNode: 'Usuń {{id}}', textLanguage: 'Język tekstów', json: 'Wszystkie ustawienia (JSON)', jsonLabel: 'Dane węzła jako JSON', jsonObject: 'Dane muszą być obiektem JSON', applyJson: 'Zastosuj JSON',
    connections: 'Połączenia', portTo: 'Port {{port}} prowadzi do', noTarget: '(nigdzie)', missingTarget: '{{id}} (brak)',
    saved: 'Zapisano szkic v{{version}}; problemy do poprawienia przed publikacją: {{problems}}.', published: 'Wersja {{version}} jest opublikowana.', valid: 'Brak problemów: można publikować.', invalid: 'Znalezione problemy: {{count}}; są pokazane na węzłach.',
    added: 'Dodano węzeł {{id}}.', toolbar: 'Działania przepływu', save: 'Zapisz szkic (Ctrl+S)', validate: 'Sprawdź', publish: 'Opublikuj', simulator: 'Symulator',
    variables: 'Zmienne', variablesHint: 'nazwa:typ, oddzielone przecinkami (typy: string, number, boolean, date, email, phone).', palette: 'Typy węzłów', add: 'Dodaj: {{type}}', canvas: 'Obszar przepływu',
    nodeList: 'Węzły', versions: 'Wersje', version: 'Wersja', status: 'Stan', when: 'Kiedy', open: 'Otwórz v{{version}}',
  },
  fields: {
    text: 'Tekst', prompt: 'Pytanie', invalidText: 'Po błędnej odpowiedzi', confirmText: '„Czy to odpowiada na Twoje pytanie?”', rephraseText: '„Czy możesz to ująć inaczej?”',
    options: 'Opcje', optionKey: 'Klucz opcji {{n}}', optionLabel: 'Etykieta opcji {{n}}', removeOption: 'Usuń opcję {{n}}', addOption: 'Dodaj opcję',
    kind: 'Rodzaj odpowiedzi', variable: 'Zapisz w zmiennej', pattern: 'Wzorzec (regex)', retries: 'Powtórzenia', method: 'Metoda', url: 'URL', timeoutMs: 'Limit czasu (ms)',
    threshold: 'Próg pewności (0–1)', maxAttempts: 'Próby', handoverOnNegative: 'Przekaż przy negatywnej wiadomości', calendarId: 'Id kalendarza pracy', ask: 'Zapytaj klienta',
    queueId: 'Id kolejki', priority: 'Priorytet', note: 'Notatka dla konsultanta', subject: 'Temat', body: 'Treść',
  },
  sim: {
    title: 'Symulator', language: 'Język', start: 'Start', restart: 'Zacznij od nowa', transcript: 'Rozmowa ze szkicem', from: { bot: 'Bot', you: 'Ty', system: 'Symulator' },
    status: { handover: 'Przepływ przekazał rozmowę konsultantowi (nie w symulatorze).', ended: 'Przepływ się zakończył.' }, choices: 'Opcje', message: 'Twoja wiadomość', send: 'Wyślij',
    variables: 'Zmienne', notExecuted: 'Nie wykonano w symulatorze: {{what}} {{reason}}',
  },
  assign: {
    title: 'Przypisanie do skrzynek', intro: 'Opublikowany przepływ odpowiada w skrzynce jako pierwszy; konsultant przejmuje rozmowę po przekazaniu.', inbox: 'Skrzynka', channel: 'Kanał', flow: 'Przepływ',
    flowFor: 'Przepływ dla {{inbox}}', none: '(bez przepływu: od razu do kolejek)', done: '{{flow}} odpowiada teraz w skrzynce {{inbox}}.', cleared: 'Skrzynka {{inbox}} nie ma już przepływu.',
  },
  intents: {
    title: 'Intencje i hosty', intro: 'Intencje rozpoznawane przez przepływ, uczone offline na przykładowych zdaniach w dowolnym języku.', search: 'Szukaj intencji', name: 'Nazwa', examples: 'Przykładowe zdania',
    count: 'Przykłady: {{count}}', edit: 'Edytuj {{name}}', delete: 'Usuń {{name}}', empty: 'Nie ma jeszcze intencji.', new: 'Nowa intencja', editTitle: 'Edytuj {{name}}',
    examplesHint: 'Jedno zdanie w wierszu, w dowolnym języku obszaru roboczego.', save: 'Zapisz intencję', saved: 'Zapisano intencję {{name}}.', deleted: 'Usunięto intencję {{name}}.', confirmDelete: 'Usunąć intencję {{name}}?',
  },
  hosts: { title: 'Hosty dozwolone w krokach HTTP', label: 'Dozwolone hosty', hint: 'Jeden w wierszu, np. api.example.com lub *.example.com (jego subdomeny). Tylko HTTPS, poza localhost.', save: 'Zapisz hosty', saved: 'Dozwolone hosty: {{count}}.' },
};

const hi: typeof en = {
  title: 'फ़्लो', nav: 'फ़्लो', intro: 'बॉट जो इनबॉक्स पर सबसे पहले जवाब देते हैं: फ़्लो बनाएँ, सिम्युलेटर में आज़माएँ, प्रकाशित करें और किसी इनबॉक्स को सौंपें।',
  search: 'फ़्लो खोजें', tableLabel: 'फ़्लो', name: 'नाम', published: 'प्रकाशित', draft: 'ड्राफ़्ट', inboxes: 'इनबॉक्स', updated: 'अपडेट',
  empty: 'अभी कोई फ़्लो नहीं है।', new: 'नया फ़्लो', create: 'बनाएँ और खोलें', versionN: 'v{{n}}', back: 'सभी फ़्लो', actions: 'कार्रवाइयाँ',
  tabs: { flows: 'फ़्लो', assignments: 'इनबॉक्स असाइनमेंट', intents: 'इंटेंट और होस्ट' },
  types: { message: 'संदेश', ask: 'प्रश्न', menu: 'मेन्यू', condition: 'शर्त', set: 'वेरिएबल सेट करें', http: 'HTTP अनुरोध', kb_answer: 'नॉलेज बेस उत्तर', business_hours: 'कार्य समय', language: 'भाषा शाखा', intent: 'इंटेंट', handover: 'सौंपें', create_ticket: 'टिकट बनाएँ', csat: 'CSAT', end: 'समाप्त' },
  languages: { en: 'अंग्रेज़ी', cy: 'वेल्श', pl: 'पोलिश', hi: 'हिन्दी', 'zh-Hans': 'चीनी (सरलीकृत)', 'zh-Hant': 'चीनी (पारंपरिक)' },
  status: { draft: 'ड्राफ़्ट', published: 'प्रकाशित' },
  editor: {
    title: 'फ़्लो: {{name}}', inPort: '{{id}} में', outPort: '{{id}}, पोर्ट {{port}}', start: 'शुरुआत', problems: 'समस्याएँ', isStart: 'यही शुरुआत है', makeStart: 'यहाँ से शुरू करें',
    deleteNode: '{{id}} हटाएँ', textLanguage: 'पाठ की भाषा', json: 'सभी सेटिंग (JSON)', jsonLabel: 'नोड डेटा JSON में', jsonObject: 'डेटा एक JSON ऑब्जेक्ट होना चाहिए', applyJson: 'JSON लागू करें',
    connections: 'कनेक्शन', portTo: 'पोर्ट {{port}} यहाँ जाता है', noTarget: '(कहीं नहीं)', missingTarget: '{{id}} (मौजूद नहीं)',
    saved: 'ड्राफ़्ट v{{version}} सहेजा गया; प्रकाशन से पहले ठीक करने वाली समस्याएँ: {{problems}}।', published: 'संस्करण {{version}} प्रकाशित हो गया है।', valid: 'कोई समस्या नहीं: प्रकाशन के लिए तैयार।', invalid: '{{count}} समस्याएँ मिलीं; वे नोड पर दिखाई गई हैं।',
    added: 'नोड {{id}} जोड़ा गया।', toolbar: 'फ़्लो कार्रवाइयाँ', save: 'ड्राफ़्ट सहेजें (Ctrl+S)', validate: 'जाँचें', publish: 'प्रकाशित करें', simulator: 'सिम्युलेटर',
    variables: 'वेरिएबल', variablesHint: 'नाम:प्रकार, कॉमा से अलग (प्रकार: string, number, boolean, date, email, phone)।', palette: 'नोड प्रकार', add: '{{type}} जोड़ें', canvas: 'फ़्लो कैनवास',
    nodeList: 'नोड', versions: 'संस्करण', version: 'संस्करण', status: 'स्थिति', when: 'कब', open: 'v{{version}} खोलें',
  },
  fields: {
    text: 'पाठ', prompt: 'प्रश्न', invalidText: 'गलत उत्तर के बाद कहा जाने वाला', confirmText: '“क्या इससे आपके प्रश्न का उत्तर मिला?”', rephraseText: '“क्या आप इसे दूसरे शब्दों में कह सकते हैं?”',
    options: 'विकल्प', optionKey: 'विकल्प {{n}} की कुंजी', optionLabel: 'विकल्प {{n}} का लेबल', removeOption: 'विकल्प {{n}} हटाएँ', addOption: 'विकल्प जोड़ें',
    kind: 'उत्तर का प्रकार', variable: 'वेरिएबल में रखें', pattern: 'पैटर्न (regex)', retries: 'पुनः प्रयास', method: 'मेथड', url: 'URL', timeoutMs: 'टाइमआउट (ms)',
    threshold: 'विश्वास सीमा (0–1)', maxAttempts: 'प्रयास', handoverOnNegative: 'नकारात्मक संदेश पर सौंपें', calendarId: 'कार्य कैलेंडर id', ask: 'ग्राहक से पूछें',
    queueId: 'कतार id', priority: 'प्राथमिकता', note: 'एजेंट के लिए नोट', subject: 'विषय', body: 'विवरण',
  },
  sim: {
    title: 'सिम्युलेटर', language: 'भाषा', start: 'शुरू करें', restart: 'फिर से शुरू करें', transcript: 'ड्राफ़्ट के साथ बातचीत', from: { bot: 'बॉट', you: 'आप', system: 'सिम्युलेटर' },
    status: { handover: 'फ़्लो ने बातचीत एक व्यक्ति को सौंपी (सिम्युलेटर में नहीं की गई)।', ended: 'फ़्लो समाप्त हुआ।' }, choices: 'विकल्प', message: 'आपका संदेश', send: 'भेजें',
    variables: 'वेरिएबल', notExecuted: 'सिम्युलेटर में नहीं किया गया: {{what}} {{reason}}',
  },
  assign: {
    title: 'इनबॉक्स असाइनमेंट', intro: 'प्रकाशित फ़्लो इनबॉक्स पर सबसे पहले जवाब देता है; सौंपने पर एक व्यक्ति बातचीत संभालता है।', inbox: 'इनबॉक्स', channel: 'चैनल', flow: 'फ़्लो',
    flowFor: '{{inbox}} के लिए फ़्लो', none: '(कोई फ़्लो नहीं: सीधे रूटिंग)', done: '{{flow}} अब {{inbox}} पर जवाब देता है।', cleared: '{{inbox}} पर अब कोई फ़्लो नहीं है।',
  },
  intents: {
    title: 'इंटेंट और होस्ट', intro: 'वे इंटेंट जिन्हें फ़्लो पहचानता है, किसी भी भाषा के उदाहरण वाक्यों से ऑफ़लाइन सीखे गए।', search: 'इंटेंट खोजें', name: 'नाम', examples: 'उदाहरण वाक्य',
    count: '{{count}} उदाहरण', edit: '{{name}} संपादित करें', delete: '{{name}} हटाएँ', empty: 'अभी कोई इंटेंट नहीं है।', new: 'नया इंटेंट', editTitle: '{{name}} संपादित करें',
    examplesHint: 'हर पंक्ति में एक वाक्य, कार्यक्षेत्र की किसी भी भाषा में।', save: 'इंटेंट सहेजें', saved: 'इंटेंट {{name}} सहेजा गया।', deleted: 'इंटेंट {{name}} हटाया गया।', confirmDelete: 'इंटेंट {{name}} हटाएँ?',
  },
  hosts: { title: 'HTTP चरण किन होस्ट को कॉल कर सकते हैं', label: 'अनुमत होस्ट', hint: 'हर पंक्ति में एक, जैसे api.example.com या *.example.com (उसके सबडोमेन)। केवल HTTPS, localhost को छोड़कर।', save: 'होस्ट सहेजें', saved: '{{count}} होस्ट अनुमत हैं।' },
};

const zhHans: typeof en = {
  title: '流程', nav: '流程', intro: '在收件箱中率先应答的机器人：搭建流程，在模拟器中试用，发布后分配给收件箱。',
  search: '搜索流程', tableLabel: '流程', name: '名称', published: '已发布', draft: '草稿', inboxes: '收件箱', updated: '更新时间',
  empty: '还没有流程。', new: '新建流程', create: '创建并打开', versionN: 'v{{n}}', back: '全部流程', actions: '操作',
  tabs: { flows: '流程', assignments: '收件箱分配', intents: '意图与主机' },
  types: { message: '消息', ask: '提问', menu: '菜单', condition: '条件', set: '设置变量', http: 'HTTP 请求', kb_answer: '知识库回答', business_hours: '营业时间', language: '语言分支', intent: '意图', handover: '转人工', create_ticket: '创建工单', csat: '满意度', end: '结束' },
  languages: { en: '英语', cy: '威尔士语', pl: '波兰语', hi: '印地语', 'zh-Hans': '简体中文', 'zh-Hant': '繁体中文' },
  status: { draft: '草稿', published: '已发布' },
  editor: {
    title: '流程：{{name}}', inPort: '进入 {{id}}', outPort: '{{id}}，端口 {{port}}', start: '起点', problems: '问题', isStart: '这是起点', makeStart: '设为起点',
    deleteNode: '删除 {{id}}', textLanguage: '文本语言', json: '全部设置（JSON）', jsonLabel: '节点数据（JSON）', jsonObject: '数据必须是 JSON 对象', applyJson: '应用 JSON',
    connections: '连接', portTo: '端口 {{port}} 通往', noTarget: '（无）', missingTarget: '{{id}}（不存在）',
    saved: '草稿 v{{version}} 已保存；发布前需修复的问题：{{problems}} 个。', published: '版本 {{version}} 已发布。', valid: '没有问题，可以发布。', invalid: '发现 {{count}} 个问题，已标注在节点上。',
    added: '已添加节点 {{id}}。', toolbar: '流程操作', save: '保存草稿（Ctrl+S）', validate: '检查', publish: '发布', simulator: '模拟器',
    variables: '变量', variablesHint: '名称:类型，用逗号分隔（类型：string、number、boolean、date、email、phone）。', palette: '节点类型', add: '添加{{type}}', canvas: '流程画布',
    nodeList: '节点', versions: '版本', version: '版本', status: '状态', when: '时间', open: '打开 v{{version}}',
  },
  fields: {
    text: '文本', prompt: '问题', invalidText: '回答有误时的提示', confirmText: '“这回答了您的问题吗？”', rephraseText: '“能换个说法吗？”',
    options: '选项', optionKey: '选项 {{n}} 的键', optionLabel: '选项 {{n}} 的标签', removeOption: '删除选项 {{n}}', addOption: '添加选项',
    kind: '回答类型', variable: '保存到变量', pattern: '模式（正则）', retries: '重试次数', method: '方法', url: 'URL', timeoutMs: '超时（毫秒）',
    threshold: '置信度阈值（0–1）', maxAttempts: '尝试次数', handoverOnNegative: '负面消息时转人工', calendarId: '营业日历 id', ask: '询问客户',
    queueId: '队列 id', priority: '优先级', note: '给客服的备注', subject: '主题', body: '内容',
  },
  sim: {
    title: '模拟器', language: '语言', start: '开始', restart: '重新开始', transcript: '与草稿的对话', from: { bot: '机器人', you: '您', system: '模拟器' },
    status: { handover: '流程已转人工（模拟器中未实际执行）。', ended: '流程已结束。' }, choices: '选项', message: '您的消息', send: '发送',
    variables: '变量', notExecuted: '模拟器中未执行：{{what}} {{reason}}',
  },
  assign: {
    title: '收件箱分配', intro: '已发布的流程在收件箱中率先应答；转人工后由客服接手。', inbox: '收件箱', channel: '渠道', flow: '流程',
    flowFor: '{{inbox}} 的流程', none: '（无流程：直接进入路由）', done: '{{flow}} 现在在 {{inbox}} 应答。', cleared: '{{inbox}} 现在没有流程。',
  },
  intents: {
    title: '意图与主机', intro: '流程可识别的意图，从任意语言的示例句子离线学习。', search: '搜索意图', name: '名称', examples: '示例句子',
    count: '{{count}} 个示例', edit: '编辑 {{name}}', delete: '删除 {{name}}', empty: '还没有意图。', new: '新建意图', editTitle: '编辑 {{name}}',
    examplesHint: '每行一句，可使用工作区的任何语言。', save: '保存意图', saved: '意图 {{name}} 已保存。', deleted: '意图 {{name}} 已删除。', confirmDelete: '删除意图 {{name}}？',
  },
  hosts: { title: 'HTTP 步骤可调用的主机', label: '允许的主机', hint: '每行一个，例如 api.example.com 或 *.example.com（其子域名）。仅限 HTTPS，localhost 除外。', save: '保存主机', saved: '已允许 {{count}} 个主机。' },
};

const zhHant: typeof en = {
  title: '流程', nav: '流程', intro: '在收件匣中率先應答的機器人：建立流程，在模擬器中試用，發布後指派給收件匣。',
  search: '搜尋流程', tableLabel: '流程', name: '名稱', published: '已發布', draft: '草稿', inboxes: '收件匣', updated: '更新時間',
  empty: '還沒有流程。', new: '新增流程', create: '建立並開啟', versionN: 'v{{n}}', back: '全部流程', actions: '操作',
  tabs: { flows: '流程', assignments: '收件匣指派', intents: '意圖與主機' },
  types: { message: '訊息', ask: '提問', menu: '選單', condition: '條件', set: '設定變數', http: 'HTTP 請求', kb_answer: '知識庫回答', business_hours: '營業時間', language: '語言分支', intent: '意圖', handover: '轉真人', create_ticket: '建立工單', csat: '滿意度', end: '結束' },
  languages: { en: '英語', cy: '威爾斯語', pl: '波蘭語', hi: '印地語', 'zh-Hans': '簡體中文', 'zh-Hant': '繁體中文' },
  status: { draft: '草稿', published: '已發布' },
  editor: {
    title: '流程：{{name}}', inPort: '進入 {{id}}', outPort: '{{id}}，連接埠 {{port}}', start: '起點', problems: '問題', isStart: '這是起點', makeStart: '設為起點',
    deleteNode: '刪除 {{id}}', textLanguage: '文字語言', json: '全部設定（JSON）', jsonLabel: '節點資料（JSON）', jsonObject: '資料必須是 JSON 物件', applyJson: '套用 JSON',
    connections: '連線', portTo: '連接埠 {{port}} 通往', noTarget: '（無）', missingTarget: '{{id}}（不存在）',
    saved: '草稿 v{{version}} 已儲存；發布前需修正的問題：{{problems}} 個。', published: '版本 {{version}} 已發布。', valid: '沒有問題，可以發布。', invalid: '發現 {{count}} 個問題，已標示在節點上。',
    added: '已新增節點 {{id}}。', toolbar: '流程操作', save: '儲存草稿（Ctrl+S）', validate: '檢查', publish: '發布', simulator: '模擬器',
    variables: '變數', variablesHint: '名稱:類型，以逗號分隔（類型：string、number、boolean、date、email、phone）。', palette: '節點類型', add: '新增{{type}}', canvas: '流程畫布',
    nodeList: '節點', versions: '版本', version: '版本', status: '狀態', when: '時間', open: '開啟 v{{version}}',
  },
  fields: {
    text: '文字', prompt: '問題', invalidText: '回答有誤時的提示', confirmText: '「這回答了您的問題嗎？」', rephraseText: '「能換個說法嗎？」',
    options: '選項', optionKey: '選項 {{n}} 的鍵', optionLabel: '選項 {{n}} 的標籤', removeOption: '刪除選項 {{n}}', addOption: '新增選項',
    kind: '回答類型', variable: '儲存到變數', pattern: '模式（正規表示式）', retries: '重試次數', method: '方法', url: 'URL', timeoutMs: '逾時（毫秒）',
    threshold: '信心門檻（0–1）', maxAttempts: '嘗試次數', handoverOnNegative: '負面訊息時轉真人', calendarId: '營業行事曆 id', ask: '詢問客戶',
    queueId: '佇列 id', priority: '優先順序', note: '給客服的備註', subject: '主旨', body: '內容',
  },
  sim: {
    title: '模擬器', language: '語言', start: '開始', restart: '重新開始', transcript: '與草稿的對話', from: { bot: '機器人', you: '您', system: '模擬器' },
    status: { handover: '流程已轉真人（模擬器中未實際執行）。', ended: '流程已結束。' }, choices: '選項', message: '您的訊息', send: '傳送',
    variables: '變數', notExecuted: '模擬器中未執行：{{what}} {{reason}}',
  },
  assign: {
    title: '收件匣指派', intro: '已發布的流程在收件匣中率先應答；轉真人後由客服接手。', inbox: '收件匣', channel: '管道', flow: '流程',
    flowFor: '{{inbox}} 的流程', none: '（無流程：直接進入路由）', done: '{{flow}} 現在在 {{inbox}} 應答。', cleared: '{{inbox}} 現在沒有流程。',
  },
  intents: {
    title: '意圖與主機', intro: '流程可辨識的意圖，從任何語言的範例句子離線學習。', search: '搜尋意圖', name: '名稱', examples: '範例句子',
    count: '{{count}} 個範例', edit: '編輯 {{name}}', delete: '刪除 {{name}}', empty: '還沒有意圖。', new: '新增意圖', editTitle: '編輯 {{name}}',
    examplesHint: '每行一句，可使用工作區的任何語言。', save: '儲存意圖', saved: '意圖 {{name}} 已儲存。', deleted: '意圖 {{name}} 已刪除。', confirmDelete: '刪除意圖 {{name}}？',
  },
  hosts: { title: 'HTTP 步驟可呼叫的主機', label: '允許的主機', hint: '每行一個，例如 api.example.com 或 *.example.com（其子網域）。僅限 HTTPS，localhost 除外。', save: '儲存主機', saved: '已允許 {{count}} 個主機。' },
};

export const flows: AreaText<typeof en> = { en, cy, pl, hi, 'zh-Hans': zhHans, 'zh-Hant': zhHant };
