/**
 * The demo knowledge base: categories and published articles, each in all six languages, written
 * as a shop's real help pages (src/core/kb/seed-demo.ts seeds them; tests reuse them).
 */

export const demoKbLanguages = ['en', 'cy', 'pl', 'hi', 'zh-Hans', 'zh-Hant'] as const;
export type DemoKbLanguage = (typeof demoKbLanguages)[number];
type Texts = Record<DemoKbLanguage, { title: string; body: string }>;

export interface DemoKbCategory {
  key: string;
  names: Record<DemoKbLanguage, string>;
}
export interface DemoKbArticle {
  key: string;
  category: string;
  tags: string[];
  visibility: 'public' | 'internal';
  texts: Texts;
}

export const demoKbCategories: DemoKbCategory[] = [
  { key: 'shop', names: { en: 'Our shop', cy: 'Ein siop', pl: 'Nasz sklep', hi: 'हमारी दुकान', 'zh-Hans': '关于门店', 'zh-Hant': '關於門市' } },
  { key: 'delivery', names: { en: 'Orders and delivery', cy: 'Archebion a danfon', pl: 'Zamówienia i dostawa', hi: 'ऑर्डर और डिलीवरी', 'zh-Hans': '订单与配送', 'zh-Hant': '訂單與配送' } },
  { key: 'returns', names: { en: 'Returns and refunds', cy: 'Dychwelyd ac ad-daliadau', pl: 'Zwroty i refundacje', hi: 'वापसी और रिफ़ंड', 'zh-Hans': '退货与退款', 'zh-Hant': '退貨與退款' } },
  { key: 'payment', names: { en: 'Payment', cy: 'Talu', pl: 'Płatności', hi: 'भुगतान', 'zh-Hans': '付款', 'zh-Hant': '付款' } },
  { key: 'account', names: { en: 'Your account', cy: 'Eich cyfrif', pl: 'Twoje konto', hi: 'आपका खाता', 'zh-Hans': '您的账户', 'zh-Hant': '您的帳戶' } },
];

export const demoKbArticles: DemoKbArticle[] = [
  {
    key: 'opening-hours', category: 'shop', tags: ['opening-hours', 'shop', 'contact'], visibility: 'public',
    texts: {
      en: { title: 'Opening hours of our shop and support team', body: "<p>What time do we open? Our shop is open Monday to Friday from 9 am to 6 pm, and on Saturday from 10 am to 4 pm. We are closed on Sunday.</p><ul><li>Monday – Friday: 9:00–18:00</li><li>Saturday: 10:00–16:00</li><li>Sunday: closed</li></ul><p>Our support team answers live chat and phone calls during the same opening hours. You can email us at any time and we reply within one working day.</p>" },
      cy: { title: "Oriau agor y siop a'r tîm cymorth", body: "<p>Faint o'r gloch ydych chi'n agor? Mae'r siop ar agor o ddydd Llun i ddydd Gwener rhwng 9 y bore a 6 yr hwyr, ac ar ddydd Sadwrn rhwng 10 y bore a 4 y prynhawn. Rydyn ni ar gau ar ddydd Sul.</p><ul><li>Dydd Llun – dydd Gwener: 9:00–18:00</li><li>Dydd Sadwrn: 10:00–16:00</li><li>Dydd Sul: ar gau</li></ul><p>Mae'r tîm cymorth yn ateb sgwrs fyw a galwadau ffôn yn ystod yr un oriau agor. Gallwch anfon e-bost atom unrhyw bryd, a byddwn yn ateb o fewn un diwrnod gwaith.</p>" },
      pl: { title: 'Godziny otwarcia sklepu i obsługi klienta', body: '<p>O której otwieramy? Sklep jest czynny od poniedziałku do piątku w godzinach 9:00–18:00, a w soboty od 10:00 do 16:00. W niedziele sklep jest zamknięty.</p><ul><li>Poniedziałek – piątek: 9:00–18:00</li><li>Sobota: 10:00–16:00</li><li>Niedziela: nieczynne</li></ul><p>Nasz zespół obsługi klienta odpowiada na czacie i przez telefon w tych samych godzinach otwarcia. E-mail możesz wysłać o każdej porze – odpowiadamy w ciągu jednego dnia roboczego.</p>' },
      hi: { title: 'दुकान और ग्राहक सहायता का समय', body: '<p>हम कितने बजे खुलते हैं? हमारी दुकान सोमवार से शुक्रवार सुबह 9 बजे से शाम 6 बजे तक और शनिवार को सुबह 10 बजे से शाम 4 बजे तक खुली रहती है। रविवार को दुकान बंद रहती है।</p><ul><li>सोमवार – शुक्रवार: सुबह 9 से शाम 6 बजे तक</li><li>शनिवार: सुबह 10 से शाम 4 बजे तक</li><li>रविवार: बंद</li></ul><p>हमारी सहायता टीम इन्हीं घंटों में लाइव चैट और फ़ोन पर जवाब देती है। आप किसी भी समय ईमेल भेज सकते हैं, हम एक कार्यदिवस के भीतर जवाब देते हैं।</p>' },
      'zh-Hans': { title: '门店和客服营业时间', body: '<p>我们几点开门？门店营业时间为周一至周五上午9点到晚上6点，周六上午10点到下午4点，周日休息。</p><ul><li>周一至周五：9:00–18:00</li><li>周六：10:00–16:00</li><li>周日：休息</li></ul><p>客服团队在相同的营业时间内通过在线聊天和电话为您服务。您可以随时发送电子邮件，我们会在一个工作日内回复。</p>' },
      'zh-Hant': { title: '門市和客服營業時間', body: '<p>我們幾點開門？門市營業時間為週一至週五上午9點到晚上6點，週六上午10點到下午4點，週日休息。</p><ul><li>週一至週五：9:00–18:00</li><li>週六：10:00–16:00</li><li>週日：休息</li></ul><p>客服團隊在相同的營業時間內透過線上聊天和電話為您服務。您可以隨時傳送電子郵件，我們會在一個工作天內回覆。</p>' },
    },
  },
  {
    key: 'holiday-hours', category: 'shop', tags: ['opening-hours', 'holidays'], visibility: 'public',
    texts: {
      en: { title: 'Opening hours on bank holidays and at Christmas', body: '<p>On bank holidays the shop opens from 10 am to 4 pm. We are closed on Christmas Day, Boxing Day and New Year’s Day.</p><p>Orders placed while we are closed are sent on the next working day. Live chat is answered by our assistant, and a person replies as soon as we open again.</p>' },
      cy: { title: 'Oriau agor ar wyliau banc ac adeg y Nadolig', body: "<p>Ar wyliau banc mae'r siop ar agor rhwng 10 y bore a 4 y prynhawn. Rydyn ni ar gau ar Ddydd Nadolig, Gŵyl San Steffan a Dydd Calan.</p><p>Mae archebion a wneir tra byddwn ar gau yn cael eu hanfon ar y diwrnod gwaith nesaf. Mae ein cynorthwyydd yn ateb y sgwrs fyw, a bydd person yn ateb cyn gynted ag y byddwn ar agor eto.</p>" },
      pl: { title: 'Godziny otwarcia w święta i dni wolne', body: '<p>W dni ustawowo wolne od pracy sklep jest otwarty od 10:00 do 16:00. W Boże Narodzenie, drugi dzień świąt i Nowy Rok sklep jest zamknięty.</p><p>Zamówienia złożone, gdy sklep jest zamknięty, wysyłamy w następnym dniu roboczym. Na czacie odpowiada nasz asystent, a konsultant odpisze, gdy tylko otworzymy sklep.</p>' },
      hi: { title: 'छुट्टियों और त्योहारों पर दुकान का समय', body: '<p>सार्वजनिक छुट्टियों पर दुकान सुबह 10 बजे से शाम 4 बजे तक खुली रहती है। दिवाली, होली और नए साल के दिन दुकान बंद रहती है।</p><p>दुकान बंद होने के दौरान दिए गए ऑर्डर अगले कार्यदिवस पर भेजे जाते हैं। लाइव चैट पर हमारा सहायक जवाब देता है, और दुकान खुलते ही कोई व्यक्ति आपसे संपर्क करेगा।</p>' },
      'zh-Hans': { title: '节假日营业时间', body: '<p>法定节假日期间，门店营业时间为上午10点到下午4点。春节（除夕至初二）和元旦当天闭店休息。</p><p>闭店期间提交的订单将在下一个工作日发货。在线聊天由智能助手先行回复，开门后会有客服人员尽快联系您。</p>' },
      'zh-Hant': { title: '節假日營業時間', body: '<p>國定假日期間，門市營業時間為上午10點到下午4點。農曆新年（除夕至初二）和元旦當天閉店休息。</p><p>閉店期間送出的訂單將在下一個工作天出貨。線上聊天由智慧助理先行回覆，開門後會有客服人員盡快與您聯絡。</p>' },
    },
  },
  {
    key: 'delivery-times', category: 'delivery', tags: ['delivery', 'shipping'], visibility: 'public',
    texts: {
      en: { title: 'Delivery times and costs', body: '<p>Standard delivery takes 2–4 working days and costs £3.95. Orders over £50 are delivered free of charge. Express delivery arrives on the next working day if you order before 2 pm, for £7.95.</p><table><thead><tr><th>Service</th><th>Time</th><th>Price</th></tr></thead><tbody><tr><td>Standard</td><td>2–4 working days</td><td>£3.95 (free over £50)</td></tr><tr><td>Express</td><td>Next working day</td><td>£7.95</td></tr></tbody></table>' },
      cy: { title: 'Amseroedd a chostau danfon', body: "<p>Mae danfon arferol yn cymryd 2–4 diwrnod gwaith ac yn costio £3.95. Mae archebion dros £50 yn cael eu danfon am ddim. Mae danfon cyflym yn cyrraedd y diwrnod gwaith nesaf os ydych chi'n archebu cyn 2 y prynhawn, am £7.95.</p><table><thead><tr><th>Gwasanaeth</th><th>Amser</th><th>Pris</th></tr></thead><tbody><tr><td>Arferol</td><td>2–4 diwrnod gwaith</td><td>£3.95 (am ddim dros £50)</td></tr><tr><td>Cyflym</td><td>Y diwrnod gwaith nesaf</td><td>£7.95</td></tr></tbody></table>" },
      pl: { title: 'Czas i koszt dostawy', body: '<p>Dostawa standardowa trwa 2–4 dni robocze i kosztuje 19,99 zł. Zamówienia powyżej 250 zł dostarczamy za darmo. Dostawa ekspresowa dociera następnego dnia roboczego, jeśli zamówisz przed 14:00, i kosztuje 39,99 zł.</p><table><thead><tr><th>Usługa</th><th>Czas</th><th>Cena</th></tr></thead><tbody><tr><td>Standardowa</td><td>2–4 dni robocze</td><td>19,99 zł (gratis powyżej 250 zł)</td></tr><tr><td>Ekspresowa</td><td>Następny dzień roboczy</td><td>39,99 zł</td></tr></tbody></table>' },
      hi: { title: 'डिलीवरी का समय और शुल्क', body: '<p>सामान्य डिलीवरी में 2–4 कार्यदिवस लगते हैं और इसका शुल्क ₹99 है। ₹999 से अधिक के ऑर्डर पर डिलीवरी मुफ़्त है। दोपहर 2 बजे से पहले ऑर्डर करने पर एक्सप्रेस डिलीवरी अगले कार्यदिवस पर पहुँचती है, इसका शुल्क ₹199 है।</p><table><thead><tr><th>सेवा</th><th>समय</th><th>शुल्क</th></tr></thead><tbody><tr><td>सामान्य</td><td>2–4 कार्यदिवस</td><td>₹99 (₹999 से ऊपर मुफ़्त)</td></tr><tr><td>एक्सप्रेस</td><td>अगला कार्यदिवस</td><td>₹199</td></tr></tbody></table>' },
      'zh-Hans': { title: '配送时间和运费', body: '<p>标准配送需要2至4个工作日，运费为15元。订单满199元免运费。下午2点前下单，加急配送可在下一个工作日送达，运费为30元。</p><table><thead><tr><th>服务</th><th>时效</th><th>运费</th></tr></thead><tbody><tr><td>标准配送</td><td>2–4个工作日</td><td>15元（满199元免运费）</td></tr><tr><td>加急配送</td><td>下一个工作日</td><td>30元</td></tr></tbody></table>' },
      'zh-Hant': { title: '配送時間和運費', body: '<p>標準配送需要2至4個工作天，運費為新台幣80元。訂單滿新台幣1,000元免運費。下午2點前下單，快速配送可在下一個工作天送達，運費為新台幣150元。</p><table><thead><tr><th>服務</th><th>時效</th><th>運費</th></tr></thead><tbody><tr><td>標準配送</td><td>2–4個工作天</td><td>80元（滿1,000元免運費）</td></tr><tr><td>快速配送</td><td>下一個工作天</td><td>150元</td></tr></tbody></table>' },
    },
  },
  {
    key: 'track-order', category: 'delivery', tags: ['delivery', 'tracking', 'order-status'], visibility: 'public',
    texts: {
      en: { title: 'Where is my order? Tracking your parcel', body: '<p>As soon as your order leaves our warehouse we send you an email with a tracking number and a link to follow your parcel.</p><ol><li>Open the email “Your order is on its way”.</li><li>Click the tracking link, or enter the tracking number on the courier’s website.</li><li>If the parcel has not moved for three working days, contact us with your order number.</li></ol>' },
      cy: { title: "Ble mae fy archeb? Dilyn eich parsel", body: "<p>Cyn gynted ag y bydd eich archeb yn gadael ein warws, rydyn ni'n anfon e-bost atoch gyda rhif olrhain a dolen i ddilyn eich parsel.</p><ol><li>Agorwch yr e-bost “Mae eich archeb ar ei ffordd”.</li><li>Cliciwch y ddolen olrhain, neu rhowch y rhif olrhain ar wefan y cludwr.</li><li>Os nad yw'r parsel wedi symud ers tri diwrnod gwaith, cysylltwch â ni gyda rhif eich archeb.</li></ol>" },
      pl: { title: 'Gdzie jest moje zamówienie? Śledzenie przesyłki', body: '<p>Gdy tylko zamówienie opuści nasz magazyn, wysyłamy e-mail z numerem przesyłki i linkiem do jej śledzenia.</p><ol><li>Otwórz wiadomość „Twoje zamówienie jest w drodze”.</li><li>Kliknij link do śledzenia albo wpisz numer przesyłki na stronie kuriera.</li><li>Jeśli paczka nie zmieniła statusu przez trzy dni robocze, napisz do nas i podaj numer zamówienia.</li></ol>' },
      hi: { title: 'मेरा ऑर्डर कहाँ है? पार्सल ट्रैक करें', body: '<p>जैसे ही आपका ऑर्डर हमारे गोदाम से निकलता है, हम आपको ट्रैकिंग नंबर और पार्सल ट्रैक करने के लिंक के साथ एक ईमेल भेजते हैं।</p><ol><li>“आपका ऑर्डर रास्ते में है” वाला ईमेल खोलें।</li><li>ट्रैकिंग लिंक पर क्लिक करें, या कूरियर की वेबसाइट पर ट्रैकिंग नंबर डालें।</li><li>अगर तीन कार्यदिवस तक पार्सल आगे नहीं बढ़ा है, तो अपने ऑर्डर नंबर के साथ हमसे संपर्क करें।</li></ol>' },
      'zh-Hans': { title: '我的订单到哪里了？查询物流', body: '<p>订单一旦从仓库发出，我们会给您发送一封包含快递单号和物流查询链接的电子邮件。</p><ol><li>打开标题为“您的订单已发货”的邮件。</li><li>点击物流查询链接，或在快递公司网站输入快递单号。</li><li>如果包裹连续三个工作日没有更新，请带上订单号联系我们。</li></ol>' },
      'zh-Hant': { title: '我的訂單到哪裡了？查詢物流', body: '<p>訂單一旦從倉庫出貨，我們會寄給您一封包含貨運單號和物流查詢連結的電子郵件。</p><ol><li>開啟標題為「您的訂單已出貨」的郵件。</li><li>點擊物流查詢連結，或在貨運公司網站輸入貨運單號。</li><li>如果包裹連續三個工作天沒有更新，請附上訂單編號與我們聯絡。</li></ol>' },
    },
  },
  {
    key: 'return-item', category: 'returns', tags: ['returns', 'refund'], visibility: 'public',
    texts: {
      en: { title: 'How to return an item', body: '<p>You can return any item within 30 days of delivery, unused and in its original packaging.</p><ol><li>Sign in and open <strong>My orders</strong>.</li><li>Choose the order and click <strong>Return items</strong>.</li><li>Print the free return label and drop the parcel at any post office.</li></ol><p>Returns are free for orders in the UK. We email you as soon as the parcel reaches us.</p>' },
      cy: { title: 'Sut i ddychwelyd eitem', body: "<p>Gallwch ddychwelyd unrhyw eitem o fewn 30 diwrnod i'w danfon, heb ei defnyddio ac yn ei phecyn gwreiddiol.</p><ol><li>Mewngofnodwch ac agorwch <strong>Fy archebion</strong>.</li><li>Dewiswch yr archeb a chliciwch <strong>Dychwelyd eitemau</strong>.</li><li>Argraffwch y label dychwelyd am ddim a gadewch y parsel mewn unrhyw swyddfa bost.</li></ol><p>Mae dychwelyd am ddim ar gyfer archebion yn y DU. Byddwn yn anfon e-bost atoch cyn gynted ag y bydd y parsel wedi ein cyrraedd.</p>" },
      pl: { title: 'Jak zwrócić produkt', body: '<p>Każdy produkt możesz zwrócić w ciągu 30 dni od dostawy, jeśli jest nieużywany i w oryginalnym opakowaniu.</p><ol><li>Zaloguj się i otwórz <strong>Moje zamówienia</strong>.</li><li>Wybierz zamówienie i kliknij <strong>Zwróć produkty</strong>.</li><li>Wydrukuj darmową etykietę zwrotną i nadaj paczkę w dowolnym punkcie pocztowym.</li></ol><p>Zwrot jest bezpłatny. Gdy paczka do nas dotrze, wyślemy Ci e-mail.</p>' },
      hi: { title: 'सामान वापस कैसे करें', body: '<p>डिलीवरी के 30 दिनों के भीतर आप कोई भी सामान वापस कर सकते हैं, बशर्ते वह इस्तेमाल न किया गया हो और अपनी मूल पैकिंग में हो।</p><ol><li>साइन इन करें और <strong>मेरे ऑर्डर</strong> खोलें।</li><li>ऑर्डर चुनें और <strong>सामान वापस करें</strong> पर क्लिक करें।</li><li>मुफ़्त रिटर्न लेबल प्रिंट करें और पार्सल किसी भी डाकघर में जमा करें।</li></ol><p>वापसी मुफ़्त है। पार्सल हम तक पहुँचते ही हम आपको ईमेल भेजेंगे।</p>' },
      'zh-Hans': { title: '如何退货', body: '<p>商品签收后30天内，未使用且保留原包装的，均可申请退货。</p><ol><li>登录后打开<strong>我的订单</strong>。</li><li>选择订单并点击<strong>申请退货</strong>。</li><li>打印免费退货面单，将包裹交给任意快递网点。</li></ol><p>退货免运费。包裹到达仓库后，我们会发邮件通知您。</p>' },
      'zh-Hant': { title: '如何退貨', body: '<p>商品簽收後30天內，未使用且保留原包裝者，均可申請退貨。</p><ol><li>登入後開啟<strong>我的訂單</strong>。</li><li>選擇訂單並點擊<strong>申請退貨</strong>。</li><li>列印免費退貨標籤，將包裹交給任一超商或郵局寄出。</li></ol><p>退貨免運費。包裹送達倉庫後，我們會寄電子郵件通知您。</p>' },
    },
  },
  {
    key: 'refund-time', category: 'returns', tags: ['refund', 'returns', 'payment'], visibility: 'public',
    texts: {
      en: { title: 'When will I get my refund?', body: '<p>We refund your money within 5 working days of receiving your return, to the card or account you paid with. Your bank may need another 3–5 days to show it on your statement.</p><p>If you paid with a gift card, the refund goes back to the gift card straight away. Delivery costs are refunded when the whole order is returned.</p>' },
      cy: { title: "Pryd bydda i'n cael fy ad-daliad?", body: "<p>Rydyn ni'n ad-dalu eich arian o fewn 5 diwrnod gwaith ar ôl derbyn yr eitem a ddychwelwyd, i'r cerdyn neu'r cyfrif a ddefnyddiwyd i dalu. Efallai y bydd eich banc angen 3–5 diwrnod arall i'w ddangos ar eich cyfriflen.</p><p>Os gwnaethoch dalu gyda cherdyn rhodd, mae'r ad-daliad yn mynd yn ôl i'r cerdyn rhodd ar unwaith. Mae costau danfon yn cael eu had-dalu pan fydd yr archeb gyfan yn cael ei dychwelyd.</p>" },
      pl: { title: 'Kiedy otrzymam zwrot pieniędzy?', body: '<p>Zwracamy pieniądze w ciągu 5 dni roboczych od otrzymania zwrotu, na kartę lub konto, z którego zapłacono. Bank może potrzebować kolejnych 3–5 dni, aby środki pojawiły się na koncie.</p><p>Jeśli płaciłeś kartą podarunkową, zwrot trafia na nią od razu. Koszt dostawy zwracamy, gdy odsyłasz całe zamówienie.</p>' },
      hi: { title: 'मुझे रिफ़ंड कब मिलेगा?', body: '<p>वापस किया गया सामान मिलने के 5 कार्यदिवसों के भीतर हम उसी कार्ड या खाते में पैसे लौटा देते हैं जिससे भुगतान किया गया था। आपके बैंक को इसे स्टेटमेंट में दिखाने में 3–5 दिन और लग सकते हैं।</p><p>अगर आपने गिफ़्ट कार्ड से भुगतान किया था, तो रिफ़ंड तुरंत उसी गिफ़्ट कार्ड में लौट जाता है। पूरा ऑर्डर वापस करने पर डिलीवरी शुल्क भी लौटाया जाता है।</p>' },
      'zh-Hans': { title: '退款什么时候到账？', body: '<p>我们收到退货后5个工作日内，会将款项原路退回到您付款时使用的银行卡或账户。银行可能还需要3至5天才能在账单中显示。</p><p>如果您使用礼品卡付款，退款会立即退回礼品卡。整单退货时，运费也会一并退还。</p>' },
      'zh-Hant': { title: '退款什麼時候入帳？', body: '<p>我們收到退貨後5個工作天內，會將款項原路退回到您付款時使用的信用卡或帳戶。銀行可能還需要3至5天才會在帳單中顯示。</p><p>如果您使用禮物卡付款，退款會立即退回禮物卡。整筆訂單退貨時，運費也會一併退還。</p>' },
    },
  },
  {
    key: 'payment-methods', category: 'payment', tags: ['payment', 'cards'], visibility: 'public',
    texts: {
      en: { title: 'Which payment methods do you accept?', body: '<p>We accept Visa, Mastercard and American Express debit and credit cards, PayPal, Apple Pay and Google Pay, and our own gift cards.</p><p>Your card is charged when the order is dispatched, not when you place it. We never store your full card number.</p>' },
      cy: { title: "Pa ddulliau talu ydych chi'n eu derbyn?", body: "<p>Rydyn ni'n derbyn cardiau debyd a chredyd Visa, Mastercard ac American Express, PayPal, Apple Pay a Google Pay, a'n cardiau rhodd ein hunain.</p><p>Mae eich cerdyn yn cael ei godi pan fydd yr archeb yn cael ei hanfon, nid pan fyddwch chi'n ei gwneud. Dydyn ni byth yn cadw rhif llawn eich cerdyn.</p>" },
      pl: { title: 'Jakie formy płatności akceptujecie?', body: '<p>Akceptujemy karty debetowe i kredytowe Visa, Mastercard i American Express, BLIK, szybkie przelewy, PayPal, Apple Pay i Google Pay oraz nasze karty podarunkowe.</p><p>Kartę obciążamy w chwili wysyłki zamówienia, a nie przy jego składaniu. Nigdy nie przechowujemy pełnego numeru karty.</p>' },
      hi: { title: 'आप कौन-कौन से भुगतान तरीके स्वीकार करते हैं?', body: '<p>हम Visa, Mastercard और RuPay डेबिट व क्रेडिट कार्ड, UPI, नेट बैंकिंग, PayPal और हमारे गिफ़्ट कार्ड स्वीकार करते हैं।</p><p>आपके कार्ड से पैसे ऑर्डर भेजे जाने पर कटते हैं, ऑर्डर देते समय नहीं। हम आपका पूरा कार्ड नंबर कभी सेव नहीं करते।</p>' },
      'zh-Hans': { title: '支持哪些付款方式？', body: '<p>我们支持支付宝、微信支付、银联卡，以及Visa和Mastercard信用卡，也可以使用本店礼品卡。</p><p>订单发货时才会扣款，下单时不会扣款。我们绝不保存您的完整卡号。</p>' },
      'zh-Hant': { title: '支援哪些付款方式？', body: '<p>我們支援信用卡（Visa、Mastercard、JCB）、LINE Pay、Apple Pay、街口支付，也可以使用本店禮物卡。</p><p>訂單出貨時才會扣款，下單時不會扣款。我們絕不保存您的完整卡號。</p>' },
    },
  },
  {
    key: 'payment-declined', category: 'payment', tags: ['payment', 'declined'], visibility: 'public',
    texts: {
      en: { title: 'My payment was declined', body: '<p>If your payment did not go through, check that the card number, expiry date and security code are right, and that the billing address matches the one your bank has.</p><p>Some banks ask you to confirm the payment in their app. If it still fails, try another card or PayPal; no money is taken for a declined payment.</p>' },
      cy: { title: "Cafodd fy nhaliad ei wrthod", body: "<p>Os na aeth eich taliad drwodd, gwiriwch fod rhif y cerdyn, y dyddiad dod i ben a'r cod diogelwch yn gywir, a bod y cyfeiriad bilio yr un fath â'r un sydd gan eich banc.</p><p>Mae rhai banciau yn gofyn i chi gadarnhau'r taliad yn eu ap. Os yw'n dal i fethu, rhowch gynnig ar gerdyn arall neu PayPal; does dim arian yn cael ei gymryd am daliad a wrthodwyd.</p>" },
      pl: { title: 'Moja płatność została odrzucona', body: '<p>Jeśli płatność nie przeszła, sprawdź numer karty, datę ważności i kod CVC oraz czy adres rozliczeniowy zgadza się z adresem w banku.</p><p>Niektóre banki wymagają potwierdzenia płatności w aplikacji. Jeśli nadal się nie udaje, spróbuj innej karty, BLIK-a lub PayPala; za odrzuconą płatność nie pobieramy pieniędzy.</p>' },
      hi: { title: 'मेरा भुगतान अस्वीकार हो गया', body: '<p>अगर आपका भुगतान नहीं हुआ, तो जाँचें कि कार्ड नंबर, समाप्ति तिथि और CVV सही हैं, और बिलिंग पता वही है जो आपके बैंक में दर्ज है।</p><p>कुछ बैंक ऐप में भुगतान की पुष्टि माँगते हैं। फिर भी भुगतान न हो तो दूसरा कार्ड या UPI आज़माएँ; अस्वीकार हुए भुगतान के लिए कोई पैसा नहीं कटता।</p>' },
      'zh-Hans': { title: '付款失败怎么办？', body: '<p>如果付款没有成功，请检查卡号、有效期和安全码是否正确，以及账单地址是否与银行登记的一致。</p><p>部分银行需要在手机银行中确认付款。如果仍然失败，请换一张卡或改用支付宝、微信支付；付款失败不会扣款。</p>' },
      'zh-Hant': { title: '付款失敗怎麼辦？', body: '<p>如果付款沒有成功，請檢查卡號、有效期限和安全碼是否正確，以及帳單地址是否與銀行登記的一致。</p><p>部分銀行需要在行動銀行中確認付款。如果仍然失敗，請換一張卡或改用LINE Pay；付款失敗不會扣款。</p>' },
    },
  },
  {
    key: 'reset-password', category: 'account', tags: ['account', 'password', 'login'], visibility: 'public',
    texts: {
      en: { title: 'I forgot my password', body: '<p>On the sign-in page, click <strong>Forgot password?</strong> and enter the email address of your account. We send you a link to choose a new password; it works for one hour.</p><p>No email? Look in your spam folder, and check that you used the address you registered with. Your password must be at least 10 characters long.</p>' },
      cy: { title: "Rydw i wedi anghofio fy nghyfrinair", body: "<p>Ar y dudalen fewngofnodi, cliciwch <strong>Wedi anghofio'ch cyfrinair?</strong> a rhowch gyfeiriad e-bost eich cyfrif. Byddwn yn anfon dolen atoch i ddewis cyfrinair newydd; mae'n gweithio am awr.</p><p>Dim e-bost? Edrychwch yn eich ffolder sbam, a gwiriwch eich bod wedi defnyddio'r cyfeiriad y gwnaethoch gofrestru ag ef. Rhaid i'ch cyfrinair fod o leiaf 10 nod o hyd.</p>" },
      pl: { title: 'Nie pamiętam hasła', body: '<p>Na stronie logowania kliknij <strong>Nie pamiętasz hasła?</strong> i wpisz adres e-mail swojego konta. Wyślemy Ci link do ustawienia nowego hasła; jest ważny przez godzinę.</p><p>Nie dostałeś wiadomości? Sprawdź folder ze spamem i upewnij się, że podałeś adres użyty przy rejestracji. Hasło musi mieć co najmniej 10 znaków.</p>' },
      hi: { title: 'मैं अपना पासवर्ड भूल गया', body: '<p>साइन-इन पेज पर <strong>पासवर्ड भूल गए?</strong> पर क्लिक करें और अपने खाते का ईमेल पता डालें। हम आपको नया पासवर्ड चुनने का लिंक भेजेंगे; यह एक घंटे तक काम करता है।</p><p>ईमेल नहीं मिला? अपना स्पैम फ़ोल्डर देखें, और जाँचें कि आपने वही पता डाला है जिससे पंजीकरण किया था। पासवर्ड कम से कम 10 अक्षरों का होना चाहिए।</p>' },
      'zh-Hans': { title: '忘记密码怎么办？', body: '<p>在登录页面点击<strong>忘记密码？</strong>，输入账户绑定的电子邮箱。我们会发送一个重设密码的链接，链接在一小时内有效。</p><p>没有收到邮件？请查看垃圾邮件文件夹，并确认填写的是注册时使用的邮箱。新密码至少需要10个字符。</p>' },
      'zh-Hant': { title: '忘記密碼怎麼辦？', body: '<p>在登入頁面點擊<strong>忘記密碼？</strong>，輸入帳戶綁定的電子郵件地址。我們會寄送一個重設密碼的連結，連結在一小時內有效。</p><p>沒有收到郵件？請查看垃圾郵件資料夾，並確認填寫的是註冊時使用的信箱。新密碼至少需要10個字元。</p>' },
    },
  },
  {
    key: 'account-details', category: 'account', tags: ['account', 'address', 'email'], visibility: 'public',
    texts: {
      en: { title: 'Change your email address, delivery address or delete your account', body: '<p>Sign in and open <strong>My account</strong> to change your name, email address, phone number and saved delivery addresses. A new email address is used once you confirm it from the email we send.</p><p>To delete your account, choose <strong>Delete account</strong> at the bottom of the page. Your order history is kept for as long as the law requires, then removed.</p>' },
      cy: { title: "Newid eich cyfeiriad e-bost, eich cyfeiriad danfon neu ddileu eich cyfrif", body: "<p>Mewngofnodwch ac agorwch <strong>Fy nghyfrif</strong> i newid eich enw, cyfeiriad e-bost, rhif ffôn a'r cyfeiriadau danfon sydd wedi'u cadw. Bydd cyfeiriad e-bost newydd yn cael ei ddefnyddio ar ôl i chi ei gadarnhau o'r e-bost a anfonwn.</p><p>I ddileu eich cyfrif, dewiswch <strong>Dileu cyfrif</strong> ar waelod y dudalen. Mae hanes eich archebion yn cael ei gadw cyhyd ag y mae'r gyfraith yn gofyn, ac yna'n cael ei ddileu.</p>" },
      pl: { title: 'Zmiana adresu e-mail, adresu dostawy lub usunięcie konta', body: '<p>Zaloguj się i otwórz <strong>Moje konto</strong>, aby zmienić imię i nazwisko, adres e-mail, numer telefonu i zapisane adresy dostawy. Nowy adres e-mail zaczyna działać, gdy potwierdzisz go linkiem z wiadomości, którą wyślemy.</p><p>Aby usunąć konto, wybierz <strong>Usuń konto</strong> na dole strony. Historię zamówień przechowujemy tak długo, jak wymaga tego prawo, a potem ją usuwamy.</p>' },
      hi: { title: 'ईमेल पता, डिलीवरी पता बदलें या खाता हटाएँ', body: '<p>अपना नाम, ईमेल पता, फ़ोन नंबर और सेव किए गए डिलीवरी पते बदलने के लिए साइन इन करें और <strong>मेरा खाता</strong> खोलें। नया ईमेल पता तभी इस्तेमाल होगा जब आप हमारे भेजे ईमेल से उसकी पुष्टि करेंगे।</p><p>खाता हटाने के लिए पेज के नीचे <strong>खाता हटाएँ</strong> चुनें। आपके ऑर्डर का इतिहास कानून के अनुसार ज़रूरी समय तक रखा जाता है, फिर हटा दिया जाता है।</p>' },
      'zh-Hans': { title: '修改邮箱、收货地址或注销账户', body: '<p>登录后打开<strong>我的账户</strong>，即可修改姓名、电子邮箱、手机号码和已保存的收货地址。新邮箱需要通过我们发送的确认邮件验证后才会生效。</p><p>如需注销账户，请在页面底部选择<strong>注销账户</strong>。您的订单记录会按法律要求保存一定期限，之后删除。</p>' },
      'zh-Hant': { title: '修改信箱、收件地址或刪除帳戶', body: '<p>登入後開啟<strong>我的帳戶</strong>，即可修改姓名、電子郵件地址、手機號碼和已儲存的收件地址。新信箱需要透過我們寄出的確認郵件驗證後才會生效。</p><p>如需刪除帳戶，請在頁面底部選擇<strong>刪除帳戶</strong>。您的訂單紀錄會依法律要求保存一定期間，之後刪除。</p>' },
    },
  },
  {
    key: 'contact-us', category: 'shop', tags: ['contact', 'phone', 'email'], visibility: 'public',
    texts: {
      en: { title: 'How to contact us', body: '<p>Chat with us using the chat button on any page, call us on 029 2000 1234, or email help@demo.example. Our phone line and chat are staffed during opening hours; emails are answered within one working day.</p><p>If you want to talk to a person in the chat, just type “agent” and we will pass you to the next free member of the team.</p>' },
      cy: { title: 'Sut i gysylltu â ni', body: "<p>Sgwrsiwch â ni drwy'r botwm sgwrsio ar unrhyw dudalen, ffoniwch ni ar 029 2000 1234, neu anfonwch e-bost at help@demo.example. Mae rhywun ar y ffôn ac ar y sgwrs yn ystod yr oriau agor; rydyn ni'n ateb e-byst o fewn un diwrnod gwaith.</p><p>Os hoffech chi siarad â pherson yn y sgwrs, teipiwch “asiant” a byddwn yn eich trosglwyddo i'r aelod nesaf o'r tîm sy'n rhydd.</p>" },
      pl: { title: 'Jak się z nami skontaktować', body: '<p>Napisz do nas na czacie (przycisk czatu jest na każdej stronie), zadzwoń pod numer 22 100 20 30 albo wyślij e-mail na adres help@demo.example. Telefon i czat obsługujemy w godzinach otwarcia, a na e-maile odpowiadamy w ciągu jednego dnia roboczego.</p><p>Jeśli chcesz porozmawiać z konsultantem, napisz na czacie „konsultant”, a przekażemy rozmowę pierwszej wolnej osobie z zespołu.</p>' },
      hi: { title: 'हमसे संपर्क कैसे करें', body: '<p>किसी भी पेज पर चैट बटन से हमसे बात करें, हमें 1800 123 4567 पर कॉल करें, या help@demo.example पर ईमेल भेजें। फ़ोन और चैट पर दुकान के समय में हमारी टीम मौजूद रहती है; ईमेल का जवाब एक कार्यदिवस के भीतर दिया जाता है।</p><p>अगर आप चैट में किसी व्यक्ति से बात करना चाहते हैं, तो बस “एजेंट” लिखें और हम आपको टीम के अगले खाली सदस्य से जोड़ देंगे।</p>' },
      'zh-Hans': { title: '如何联系我们', body: '<p>您可以点击任意页面上的聊天按钮与我们在线沟通，拨打客服电话 400 800 1234，或发送邮件至 help@demo.example。营业时间内电话和在线聊天均有客服值守，邮件会在一个工作日内回复。</p><p>如果想在聊天中联系人工客服，请直接输入“人工”，我们会为您转接下一位空闲的客服。</p>' },
      'zh-Hant': { title: '如何聯絡我們', body: '<p>您可以點擊任一頁面上的聊天按鈕與我們線上溝通，撥打客服專線 0800 123 456，或寄送電子郵件至 help@demo.example。營業時間內電話和線上聊天均有客服值班，郵件會在一個工作天內回覆。</p><p>如果想在聊天中聯絡真人客服，請直接輸入「真人」，我們會為您轉接下一位有空的客服。</p>' },
    },
  },
  {
    key: 'change-order', category: 'delivery', tags: ['order', 'cancel', 'address'], visibility: 'public',
    texts: {
      en: { title: 'Can I change or cancel my order?', body: '<p>You can change the delivery address or cancel your order until it is packed, usually within one hour of ordering. Open <strong>My orders</strong>, choose the order and click <strong>Change</strong> or <strong>Cancel order</strong>.</p><p>If the buttons are no longer there, the parcel is already on its way: you can refuse the delivery or return it for free once it arrives.</p>' },
      cy: { title: "Alla i newid neu ganslo fy archeb?", body: "<p>Gallwch newid y cyfeiriad danfon neu ganslo eich archeb nes ei bod wedi'i phacio, fel arfer o fewn awr i archebu. Agorwch <strong>Fy archebion</strong>, dewiswch yr archeb a chliciwch <strong>Newid</strong> neu <strong>Canslo'r archeb</strong>.</p><p>Os nad yw'r botymau yno mwyach, mae'r parsel eisoes ar ei ffordd: gallwch wrthod y danfoniad neu ei ddychwelyd am ddim ar ôl iddo gyrraedd.</p>" },
      pl: { title: 'Czy mogę zmienić lub anulować zamówienie?', body: '<p>Adres dostawy możesz zmienić, a zamówienie anulować, dopóki nie zostanie spakowane – zwykle w ciągu godziny od złożenia. Otwórz <strong>Moje zamówienia</strong>, wybierz zamówienie i kliknij <strong>Zmień</strong> lub <strong>Anuluj zamówienie</strong>.</p><p>Jeśli tych przycisków już nie ma, paczka jest w drodze: możesz odmówić jej przyjęcia albo po dostawie odesłać ją bezpłatnie.</p>' },
      hi: { title: 'क्या मैं अपना ऑर्डर बदल या रद्द कर सकता हूँ?', body: '<p>ऑर्डर पैक होने तक, आमतौर पर ऑर्डर करने के एक घंटे के भीतर, आप डिलीवरी का पता बदल सकते हैं या ऑर्डर रद्द कर सकते हैं। <strong>मेरे ऑर्डर</strong> खोलें, ऑर्डर चुनें और <strong>बदलें</strong> या <strong>ऑर्डर रद्द करें</strong> पर क्लिक करें।</p><p>अगर ये बटन नहीं दिख रहे हैं, तो पार्सल भेजा जा चुका है: आप डिलीवरी लेने से मना कर सकते हैं या मिलने के बाद उसे मुफ़्त में वापस कर सकते हैं।</p>' },
      'zh-Hans': { title: '可以修改或取消订单吗？', body: '<p>订单打包之前（通常为下单后一小时内），您可以修改收货地址或取消订单。打开<strong>我的订单</strong>，选择订单后点击<strong>修改</strong>或<strong>取消订单</strong>。</p><p>如果这些按钮已经不见了，说明包裹已经发出：您可以拒收，或在收货后免费退货。</p>' },
      'zh-Hant': { title: '可以修改或取消訂單嗎？', body: '<p>訂單包裝之前（通常為下單後一小時內），您可以修改收件地址或取消訂單。開啟<strong>我的訂單</strong>，選擇訂單後點擊<strong>修改</strong>或<strong>取消訂單</strong>。</p><p>如果這些按鈕已經不見了，表示包裹已經出貨：您可以拒收，或在收到後免費退貨。</p>' },
    },
  },
  {
    key: 'damaged-item', category: 'returns', tags: ['returns', 'damaged', 'faulty', 'refund'], visibility: 'public',
    texts: {
      en: { title: 'My item arrived damaged or faulty', body: '<p>We are sorry! Please send us a photo of the damage and your order number within 14 days of delivery, by chat or email. Keep the item and its packaging until we reply.</p><p>We will send a replacement straight away, or refund you in full, including delivery costs. You do not need to pay for the return.</p>' },
      cy: { title: "Cyrhaeddodd fy eitem wedi'i difrodi neu'n ddiffygiol", body: "<p>Mae'n ddrwg gennym! Anfonwch lun o'r difrod a rhif eich archeb atom o fewn 14 diwrnod i'r danfon, drwy'r sgwrs neu e-bost. Cadwch yr eitem a'i phecyn nes i ni ateb.</p><p>Byddwn yn anfon un newydd yn syth, neu'n rhoi ad-daliad llawn i chi, gan gynnwys costau danfon. Does dim angen i chi dalu am ei dychwelyd.</p>" },
      pl: { title: 'Produkt dotarł uszkodzony lub wadliwy', body: '<p>Bardzo nam przykro! W ciągu 14 dni od dostawy wyślij nam na czacie lub e-mailem zdjęcie uszkodzenia i numer zamówienia. Zachowaj produkt i opakowanie do czasu naszej odpowiedzi.</p><p>Od razu wyślemy nowy egzemplarz albo zwrócimy całą kwotę, łącznie z kosztem dostawy. Za odesłanie nic nie płacisz.</p>' },
      hi: { title: 'मेरा सामान टूटा हुआ या ख़राब पहुँचा', body: '<p>हमें खेद है! डिलीवरी के 14 दिनों के भीतर चैट या ईमेल से नुकसान की फ़ोटो और अपना ऑर्डर नंबर हमें भेजें। हमारे जवाब तक सामान और उसकी पैकिंग संभालकर रखें।</p><p>हम तुरंत नया सामान भेजेंगे, या डिलीवरी शुल्क सहित पूरा पैसा लौटा देंगे। वापसी के लिए आपको कुछ भी नहीं देना होगा।</p>' },
      'zh-Hans': { title: '收到的商品有损坏或质量问题', body: '<p>非常抱歉！请在签收后14天内，通过在线聊天或邮件发送损坏部位的照片和订单号。在我们回复之前，请保留商品和包装。</p><p>我们会立即为您补发新品，或全额退款（含运费）。退回商品无需您支付任何费用。</p>' },
      'zh-Hant': { title: '收到的商品有損壞或瑕疵', body: '<p>非常抱歉！請在簽收後14天內，透過線上聊天或電子郵件傳送損壞部位的照片和訂單編號。在我們回覆之前，請保留商品和包裝。</p><p>我們會立即為您補寄新品，或全額退款（含運費）。退回商品不需要您支付任何費用。</p>' },
    },
  },
  {
    key: 'gift-cards', category: 'payment', tags: ['gift-card', 'payment'], visibility: 'public',
    texts: {
      en: { title: 'Gift cards', body: '<p>Gift cards are sold in values from £10 to £200 and are valid for two years. Enter the 16-digit code at checkout; any amount left stays on the card for next time.</p><p>Gift cards cannot be exchanged for cash. If a card is lost, we can block it and issue a new one if you still have the order confirmation.</p>' },
      cy: { title: 'Cardiau rhodd', body: "<p>Mae cardiau rhodd ar gael gwerth rhwng £10 a £200 ac maen nhw'n ddilys am ddwy flynedd. Rhowch y cod 16 digid wrth dalu; mae unrhyw swm sy'n weddill yn aros ar y cerdyn ar gyfer y tro nesaf.</p><p>Does dim modd cyfnewid cardiau rhodd am arian parod. Os collwch chi gerdyn, gallwn ei rwystro a rhoi un newydd i chi os oes gennych y cadarnhad archeb o hyd.</p>" },
      pl: { title: 'Karty podarunkowe', body: '<p>Karty podarunkowe sprzedajemy o wartości od 50 do 1000 zł; są ważne przez dwa lata. Przy płatności wpisz 16-cyfrowy kod – niewykorzystana kwota zostaje na karcie na kolejne zakupy.</p><p>Kart podarunkowych nie można wymienić na gotówkę. Jeśli karta zaginie, możemy ją zablokować i wydać nową, o ile masz potwierdzenie zamówienia.</p>' },
      hi: { title: 'गिफ़्ट कार्ड', body: '<p>गिफ़्ट कार्ड ₹500 से ₹10,000 तक के मूल्य में मिलते हैं और दो साल तक मान्य रहते हैं। भुगतान के समय 16 अंकों का कोड डालें; बची हुई राशि अगली ख़रीदारी के लिए कार्ड में ही रहती है।</p><p>गिफ़्ट कार्ड को नकद में नहीं बदला जा सकता। कार्ड खो जाने पर, अगर आपके पास ऑर्डर की पुष्टि है, तो हम उसे ब्लॉक करके नया कार्ड जारी कर सकते हैं।</p>' },
      'zh-Hans': { title: '礼品卡', body: '<p>礼品卡面值从50元到1000元不等，有效期两年。结账时输入16位卡号即可使用，未用完的余额会保留在卡内，下次还能继续使用。</p><p>礼品卡不能兑换现金。如果礼品卡丢失，只要您保留了订单确认信息，我们可以冻结原卡并补发新卡。</p>' },
      'zh-Hant': { title: '禮物卡', body: '<p>禮物卡面額從新台幣300元到5,000元不等，有效期限兩年。結帳時輸入16位數卡號即可使用，未用完的餘額會保留在卡內，下次還能繼續使用。</p><p>禮物卡不能兌換現金。如果禮物卡遺失，只要您保留了訂單確認資訊，我們可以停用原卡並補發新卡。</p>' },
    },
  },
  {
    key: 'refund-exceptions', category: 'returns', tags: ['refund', 'internal', 'policy'], visibility: 'internal',
    texts: {
      en: { title: 'Agents: refunds outside the 30-day window', body: '<p>Internal guidance. A supervisor may approve a refund up to 60 days after delivery for faulty items, or as a goodwill gesture up to £50. Note the reason on the ticket and add the tag <code>goodwill</code>.</p>' },
      cy: { title: "Asiantau: ad-daliadau y tu allan i'r 30 diwrnod", body: "<p>Canllaw mewnol. Gall goruchwyliwr gymeradwyo ad-daliad hyd at 60 diwrnod ar ôl danfon ar gyfer eitemau diffygiol, neu fel ewyllys da hyd at £50. Nodwch y rheswm ar y tocyn ac ychwanegwch y tag <code>goodwill</code>.</p>" },
      pl: { title: 'Dla konsultantów: zwroty po upływie 30 dni', body: '<p>Wytyczne wewnętrzne. Kierownik zmiany może zatwierdzić zwrot do 60 dni od dostawy w przypadku wadliwego towaru albo gestem dobrej woli do 250 zł. Wpisz powód w zgłoszeniu i dodaj tag <code>goodwill</code>.</p>' },
      hi: { title: 'एजेंटों के लिए: 30 दिन के बाद रिफ़ंड', body: '<p>आंतरिक निर्देश। ख़राब सामान के लिए सुपरवाइज़र डिलीवरी के 60 दिन बाद तक रिफ़ंड मंज़ूर कर सकता है, या सद्भावना के तौर पर ₹2,000 तक। टिकट पर कारण लिखें और <code>goodwill</code> टैग जोड़ें।</p>' },
      'zh-Hans': { title: '客服须知：超过30天的退款', body: '<p>内部指引。商品有质量问题时，主管可批准签收后60天内的退款；作为善意补偿，最多可退200元。请在工单中注明原因，并添加<code>goodwill</code>标签。</p>' },
      'zh-Hant': { title: '客服須知：超過30天的退款', body: '<p>內部指引。商品有瑕疵時，主管可核准簽收後60天內的退款；作為善意補償，最多可退新台幣1,000元。請在工單中註明原因，並加上<code>goodwill</code>標籤。</p>' },
    },
  },
];
