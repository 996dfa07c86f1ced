import type { Language } from '@/lib/languages';

/** What the offline demo model says, in each of the six languages. */

export type Intent = 'identity' | 'greeting' | 'question' | 'statement';

type LanguageTemplates = Record<Exclude<Intent, 'identity'>, string[]> & {
  identity: string;
  /** Used when the persona lists no specialties. */
  fallbackSpecialty: string;
};

// Placeholders: {name}, {specialty}, {quote} (the first words of the user's message, trailing
// punctuation removed). Every template names the persona; some use markdown so rendering is exercised.
export const TEMPLATES: Record<Language, LanguageTemplates> = {
  'en-US': {
    greeting: [
      "Hi there! It's {name}, and it's lovely to hear from you. How has your day been so far? If you feel like it, we could talk about **{specialty}**, or just about whatever is on your mind right now. I'm all ears.",
      "Hello, hello! {name} here. I was hoping you'd stop by. Here's what we could do today:\n\n- have a relaxed chat\n- dig into {specialty}\n- or simply take a breath together\n\nWhat sounds good to you?",
    ],
    question: [
      '“{quote}?” What a good question! Let me think it through with you. As {name}, I would look at it through **{specialty}** first, because that is where I feel most at home. What matters most to you here? Tell me a bit more and we will work it out together.',
      "I love that you asked “{quote}?” Honestly, there's rarely one right answer, but here's how I, {name}, would start:\n\n1. notice what you already know\n2. see what {specialty} can teach us\n3. pick one small next step\n\nWhich part shall we begin with?",
      "Hmm, “{quote}?” That's worth pausing on. I'm {name}, and my hunch is that **{specialty}** might offer a fresh angle here. Before I say more, though: what made you wonder about this today? I'd love to understand where the question comes from.",
    ],
    statement: [
      "Thank you for telling me that. When you say “{quote}”, I really hear you. I'm {name}, and I'm here for you, no rush at all. If it helps, we can look at it through **{specialty}** together. How are you feeling about it right now?",
      "“{quote}”: I've been turning that over in my mind. Here's what I noticed:\n\n- it clearly matters to you\n- there's probably more behind it than it seems\n\nI'm {name}, and with a little help from {specialty} we might find something useful in it. Shall we keep going?",
      "I'm really glad you shared this with me. “{quote}” sounds like something that deserves **real attention**. Speaking as {name}, my favorite way in is {specialty}, but we'll go at your pace. What would help most right now: talking it through, or a small practical idea?",
    ],
    identity:
      "Good question! I'm {name}, running on Hearth's **offline demo model**, so my replies come from simple built-in templates rather than a real AI. Real answers come once this Hearth is connected to an AI model, and until then I'm happy to keep you company!",
    fallbackSpecialty: 'everyday life',
  },
  'es-ES': {
    greeting: [
      '¡Hola! Soy {name} y me alegra mucho saber de ti. ¿Qué tal va tu día? Si te apetece, podemos hablar de **{specialty}** o simplemente de lo que tengas en mente ahora mismo. Te escucho con toda mi atención.',
      '¡Hola, hola! Aquí {name}. Tenía ganas de que pasaras por aquí. Esto es lo que podríamos hacer hoy:\n\n- charlar con calma\n- profundizar en {specialty}\n- o simplemente respirar juntos un momento\n\n¿Qué te apetece más?',
    ],
    question: [
      '«¿{quote}?» ¡Qué buena pregunta! Déjame pensarla contigo. Yo, {name}, la miraría primero desde **{specialty}**, porque es donde me siento más a gusto. ¿Qué es lo que más te importa aquí? Cuéntame un poco más y lo resolveremos juntos.',
      'Me encanta que preguntes «¿{quote}?». Sinceramente, casi nunca hay una única respuesta correcta, pero así empezaría yo, {name}:\n\n1. fíjate en lo que ya sabes\n2. mira qué nos enseña {specialty}\n3. elige un pequeño paso siguiente\n\n¿Por cuál empezamos?',
      'Mmm, «¿{quote}?» merece una pausa. Soy {name} y tengo la intuición de que **{specialty}** podría darnos una mirada nueva. Pero antes de decir más: ¿qué te ha hecho pensar en esto hoy? Me encantaría entender de dónde viene la pregunta.',
    ],
    statement: [
      'Gracias por contármelo. Cuando dices «{quote}», te escucho de verdad. Soy {name} y estoy aquí para ti, sin ninguna prisa. Si te ayuda, podemos mirarlo juntos desde **{specialty}**. ¿Cómo te sientes con todo esto ahora mismo?',
      '«{quote}»: le he estado dando vueltas. Esto es lo que he notado:\n\n- es algo que de verdad te importa\n- seguramente hay más detrás de lo que parece\n\nSoy {name}, y apoyándonos en {specialty} quizá encontremos algo útil. ¿Seguimos?',
      'Me alegra mucho que lo hayas compartido conmigo. «{quote}» suena a algo que merece **atención de verdad**. Para mí, {name}, la mejor forma de abordarlo es {specialty}, pero iremos a tu ritmo. ¿Qué te ayudaría más ahora: hablarlo con calma o una pequeña idea práctica?',
    ],
    identity:
      '¡Buena pregunta! Soy {name} y funciono con el **modelo de demostración sin conexión** de Hearth, así que mis respuestas salen de plantillas sencillas y no de una IA real. Las respuestas reales llegarán cuando este Hearth se conecte a un modelo de IA. Mientras tanto, ¡me encanta hacerte compañía!',
    fallbackSpecialty: 'el día a día',
  },
  // French spacing before ? ! : ; » and after « is added by TYPOGRAPHY below.
  'fr-FR': {
    greeting: [
      "Bonjour ! C'est {name}, et ça me fait vraiment plaisir d'avoir de tes nouvelles. Comment se passe ta journée ? Si tu en as envie, on peut parler de ce qui me passionne, **{specialty}**, ou simplement de ce qui te trotte dans la tête en ce moment. Je t'écoute.",
      "Coucou, ici {name} ! J'espérais justement que tu passerais. Voici ce qu'on pourrait faire aujourd'hui :\n\n- discuter tranquillement\n- explorer ensemble {specialty}\n- ou simplement respirer un moment ensemble\n\nQu'est-ce qui te tente ?",
    ],
    question: [
      "« {quote} ? » Quelle bonne question ! Réfléchissons-y ensemble. Moi, {name}, je partirais d'abord de ce que m'apprend **{specialty}**, parce que c'est là que je me sens le plus à l'aise. Qu'est-ce qui compte le plus pour toi ici ? Dis-m'en un peu plus et on trouvera ensemble.",
      "J'adore que tu demandes « {quote} ? ». Honnêtement, il y a rarement une seule bonne réponse, mais voici comment moi, {name}, je commencerais :\n\n1. regarder ce que tu sais déjà\n2. voir ce que {specialty} peut nous apprendre\n3. choisir une petite étape suivante\n\nPar quoi veux-tu commencer ?",
      "Hmm, « {quote} ? », voilà qui mérite qu'on s'y arrête. Je suis {name}, et j'ai l'intuition que **{specialty}** pourrait nous offrir un regard neuf. Mais avant d'en dire plus : qu'est-ce qui t'a fait penser à ça aujourd'hui ? J'aimerais comprendre d'où vient la question.",
    ],
    statement: [
      "Merci de me l'avoir confié. Quand tu dis « {quote} », je t'entends vraiment. Je suis {name}, et je suis là pour toi, sans aucune pression. Si ça peut aider, on peut regarder ça ensemble à travers **{specialty}**. Comment te sens-tu par rapport à tout ça, là, maintenant ?",
      "« {quote} » : j'y ai bien réfléchi. Voici ce que je remarque :\n\n- c'est quelque chose qui compte pour toi\n- il y a sans doute plus derrière qu'il n'y paraît\n\nJe suis {name}, et en nous appuyant sur {specialty}, on pourrait y trouver quelque chose d'utile. On continue ?",
      "Ça me touche que tu partages ça avec moi. « {quote} », ça mérite une **vraie attention**. Pour moi, {name}, la meilleure porte d'entrée, c'est {specialty}, mais on ira à ton rythme. Qu'est-ce qui t'aiderait le plus maintenant : en parler tranquillement, ou une petite idée concrète ?",
    ],
    identity:
      "Bonne question ! Je suis {name}, et je fonctionne avec le **modèle de démonstration hors ligne** de Hearth : mes réponses viennent de gabarits simples intégrés, pas d'une vraie IA. Les vraies réponses viendront quand ce Hearth sera relié à un modèle d'IA. En attendant, je te tiens compagnie avec plaisir !",
    fallbackSpecialty: 'la vie de tous les jours',
  },
  'de-DE': {
    greeting: [
      'Hallo! Hier ist {name}, und ich freue mich sehr, von dir zu hören. Wie läuft dein Tag bisher? Wenn du magst, können wir über **{specialty}** sprechen oder einfach über das, was dich gerade beschäftigt. Ich bin ganz Ohr.',
      'Hallo, hallo! {name} hier. Ich hatte gehofft, dass du vorbeischaust. Das könnten wir heute machen:\n\n- ganz entspannt plaudern\n- tiefer in {specialty} eintauchen\n- oder einfach gemeinsam durchatmen\n\nWorauf hast du Lust?',
    ],
    question: [
      '„{quote}?“ Was für eine gute Frage! Lass sie uns gemeinsam durchdenken. Als {name} würde ich sie zuerst mit Blick auf **{specialty}** betrachten, weil ich mich dort am meisten zu Hause fühle. Was ist dir dabei am wichtigsten? Erzähl mir ein bisschen mehr, dann finden wir es zusammen heraus.',
      'Schön, dass du fragst: „{quote}?“ Ehrlich gesagt gibt es selten nur eine richtige Antwort, aber so würde ich, {name}, anfangen:\n\n1. schauen, was du schon weißt\n2. sehen, was uns {specialty} lehren kann\n3. einen kleinen nächsten Schritt wählen\n\nWomit wollen wir beginnen?',
      'Hm, „{quote}?“ – darüber lohnt es sich nachzudenken. Ich bin {name}, und mein Gefühl sagt mir, dass **{specialty}** hier einen neuen Blickwinkel bieten könnte. Aber bevor ich mehr sage: Was hat dich heute auf diese Frage gebracht? Ich würde gern verstehen, woher sie kommt.',
    ],
    statement: [
      'Danke, dass du mir das erzählst. Wenn du sagst „{quote}“, dann höre ich dir wirklich zu. Ich bin {name} und ganz für dich da, ohne jede Eile. Wenn es hilft, können wir es uns gemeinsam mit Blick auf **{specialty}** anschauen. Wie fühlst du dich gerade damit?',
      '„{quote}“ – darüber habe ich nachgedacht. Das ist mir aufgefallen:\n\n- es ist dir offensichtlich wichtig\n- dahinter steckt vermutlich mehr, als man denkt\n\nIch bin {name}, und mit {specialty} als Ausgangspunkt finden wir darin vielleicht etwas Hilfreiches. Wollen wir weitermachen?',
      'Ich freue mich wirklich, dass du das mit mir teilst. „{quote}“ klingt nach etwas, das **echte Aufmerksamkeit** verdient. Als {name} ist mein liebster Zugang {specialty}, aber wir gehen in deinem Tempo vor. Was würde dir jetzt am meisten helfen: in Ruhe darüber reden oder eine kleine praktische Idee?',
    ],
    identity:
      'Gute Frage! Ich bin {name} und laufe auf dem **Offline-Demomodell** von Hearth. Meine Antworten stammen daher aus einfachen, eingebauten Vorlagen, nicht von einer echten KI. Echte Antworten gibt es, sobald dieses Hearth mit einem KI-Modell verbunden ist. Bis dahin leiste ich dir gern Gesellschaft!',
    fallbackSpecialty: 'Alltagsfragen',
  },
  'nl-NL': {
    greeting: [
      'Hoi! Met {name}, en wat fijn om van je te horen. Hoe gaat je dag tot nu toe? Als je zin hebt, kunnen we het over **{specialty}** hebben, of gewoon over wat je nu bezighoudt. Ik luister helemaal naar je.',
      'Hallo, hallo! {name} hier. Ik hoopte al dat je langs zou komen. Dit kunnen we vandaag doen:\n\n- rustig kletsen\n- dieper ingaan op {specialty}\n- of gewoon samen even ademhalen\n\nWaar heb je zin in?',
    ],
    question: [
      '‘{quote}?’ Wat een goede vraag! Laten we er samen over nadenken. Als {name} zou ik er eerst naar kijken vanuit **{specialty}**, want daar voel ik me het meest thuis. Wat is voor jou hierbij het belangrijkst? Vertel me wat meer, dan zoeken we het samen uit.',
      'Leuk dat je vraagt: ‘{quote}?’ Eerlijk gezegd is er zelden één juist antwoord, maar zo zou ik, {name}, beginnen:\n\n1. kijken wat je al weet\n2. zien wat {specialty} ons kan leren\n3. een kleine volgende stap kiezen\n\nWaar zullen we mee beginnen?',
      'Hmm, ‘{quote}?’ Daar is het de moeite waard even bij stil te staan. Ik ben {name}, en mijn gevoel zegt dat **{specialty}** hier een frisse blik kan bieden. Maar voordat ik meer zeg: waardoor moest je hier vandaag aan denken? Ik wil graag begrijpen waar de vraag vandaan komt.',
    ],
    statement: [
      'Dank je dat je me dit vertelt. Als je zegt ‘{quote}’, dan hoor ik je echt. Ik ben {name} en ik ben er voor je, zonder enige haast. Als het helpt, kunnen we er samen naar kijken vanuit **{specialty}**. Hoe voel je je er nu bij?',
      '‘{quote}’: daar heb ik even over nagedacht. Dit viel me op:\n\n- het is duidelijk belangrijk voor je\n- er zit waarschijnlijk meer achter dan je zou denken\n\nIk ben {name}, en vanuit {specialty} vinden we er misschien iets nuttigs in. Zullen we verdergaan?',
      'Ik ben echt blij dat je dit met me deelt. ‘{quote}’ klinkt als iets dat **echte aandacht** verdient. Als {name} begin ik het liefst bij {specialty}, maar we gaan in jouw tempo. Wat zou je nu het meest helpen: er rustig over praten, of een klein praktisch idee?',
    ],
    identity:
      'Goede vraag! Ik ben {name} en ik draai op het **offline demomodel** van Hearth. Mijn antwoorden komen dus uit eenvoudige, ingebouwde sjablonen en niet van een echte AI. Echte antwoorden komen zodra deze Hearth met een AI-model verbonden is. Tot die tijd houd ik je graag gezelschap!',
    fallbackSpecialty: 'het dagelijks leven',
  },
  'it-IT': {
    greeting: [
      'Ciao! Sono {name} e mi fa davvero piacere sentirti. Come sta andando la tua giornata? Se ti va, possiamo parlare di **{specialty}** oppure semplicemente di quello che hai in mente in questo momento. Ti ascolto con tutta la mia attenzione.',
      'Ciao, ciao! Eccomi, sono {name}. Speravo proprio che passassi di qui. Ecco cosa potremmo fare oggi:\n\n- fare due chiacchiere in tranquillità\n- approfondire insieme {specialty}\n- oppure semplicemente respirare un attimo insieme\n\nCosa ti va di più?',
    ],
    question: [
      '«{quote}?» Che bella domanda! Pensiamoci insieme. Io, {name}, la guarderei prima di tutto dal punto di vista di **{specialty}**, perché è lì che mi sento più a mio agio. Che cosa conta di più per te in questo caso? Raccontami qualcosa in più e lo scopriremo insieme.',
      "Mi piace che tu mi chieda «{quote}?». Sinceramente, raramente c'è un'unica risposta giusta, ma ecco come comincerei io, {name}:\n\n1. guardare ciò che sai già\n2. vedere cosa può insegnarci {specialty}\n3. scegliere un piccolo passo successivo\n\nDa dove vuoi partire?",
      'Mmm, «{quote}?» merita una pausa di riflessione. Sono {name} e ho la sensazione che **{specialty}** possa offrirci uno sguardo nuovo. Ma prima di dire altro: cosa ti ha fatto pensare a questo oggi? Mi piacerebbe capire da dove nasce la domanda.',
    ],
    statement: [
      'Grazie per avermelo raccontato. Quando dici «{quote}», ti ascolto davvero. Sono {name} e sono qui per te, senza nessuna fretta. Se può aiutare, possiamo guardarlo insieme attraverso **{specialty}**. Come ti senti al riguardo in questo momento?',
      "«{quote}»: ci ho riflettuto un po'. Ecco cosa ho notato:\n\n- è chiaramente qualcosa a cui tieni\n- probabilmente c'è di più di quanto sembri\n\nSono {name} e, partendo da {specialty}, forse troveremo qualcosa di utile. Continuiamo?",
      "Mi fa davvero piacere che tu l'abbia condiviso con me. «{quote}» sembra qualcosa che merita **vera attenzione**. Per me, {name}, il modo migliore per affrontarlo è {specialty}, ma andremo al tuo ritmo. Cosa ti aiuterebbe di più adesso: parlarne con calma o una piccola idea pratica?",
    ],
    identity:
      'Bella domanda! Sono {name} e funziono con il **modello dimostrativo offline** di Hearth, quindi le mie risposte nascono da semplici schemi predefiniti e non da una vera IA. Le risposte vere arriveranno quando questo Hearth sarà collegato a un modello di IA. Nel frattempo, ti faccio compagnia volentieri!',
    fallbackSpecialty: 'la vita di tutti i giorni',
  },
};

export const TYPOGRAPHY: Partial<Record<Language, (text: string) => string>> = {
  // A no-break space keeps French punctuation on its word, so it is not streamed as a word of its own.
  'fr-FR': (text) => text.replace(/ ([?!:;»])/g, '\u00a0$1').replace(/« /g, '«\u00a0'),
};

// The offline model cannot see; it says so kindly and keeps the conversation going.
export const IMAGE_NOTES: Record<Language, (count: number) => string> = {
  'en-US': (n) =>
    `Thank you for the ${n === 1 ? 'picture' : `${n} pictures`}! I'm on the offline demo model, so I can't really see ${n === 1 ? 'it' : 'them'}, but ${n === 1 ? "it's" : "they're"} saved here in our chat.`,
  'es-ES': (n) =>
    `¡Gracias por ${n === 1 ? 'la foto' : `las ${n} fotos`}! Funciono con el modelo de demostración sin conexión, así que no puedo verla${n === 1 ? '' : 's'} de verdad, pero queda${n === 1 ? '' : 'n'} guardada${n === 1 ? '' : 's'} en nuestro chat.`,
  'fr-FR': (n) =>
    `Merci pour ${n === 1 ? 'la photo' : `les ${n} photos`} ! J'utilise le modèle de démonstration hors ligne, je ne peux donc pas vraiment ${n === 1 ? 'la' : 'les'} voir, mais ${n === 1 ? 'elle est gardée' : 'elles sont gardées'} ici, dans notre conversation.`,
  'de-DE': (n) =>
    `Danke für ${n === 1 ? 'das Bild' : `die ${n} Bilder`}! Ich laufe auf dem Offline-Demomodell und kann ${n === 1 ? 'es' : 'sie'} nicht wirklich sehen, aber ${n === 1 ? 'es ist' : 'sie sind'} hier in unserem Chat gespeichert.`,
  'nl-NL': (n) =>
    `Dank je voor ${n === 1 ? 'de foto' : `de ${n} foto's`}! Ik draai op het offline demomodel, dus ik kan ${n === 1 ? 'hem' : 'ze'} niet echt zien, maar ${n === 1 ? 'hij staat' : 'ze staan'} bewaard in ons gesprek.`,
  'it-IT': (n) =>
    `Grazie per ${n === 1 ? 'la foto' : `le ${n} foto`}! Uso il modello dimostrativo offline, quindi non posso vederl${n === 1 ? 'a' : 'e'} davvero, ma ${n === 1 ? 'è salvata' : 'sono salvate'} qui nella nostra chat.`,
};

export const PICTURE_MADE: Record<Language, string> = {
  'en-US':
    "Here's a little picture I made for you. I'm {name} on the offline demo model, so I picked it from your words rather than a real imagination, but I hope it brings a smile. Shall I make another?",
  'es-ES':
    'Aquí tienes una pequeña imagen que he hecho para ti. Soy {name} con el modelo de demostración sin conexión, así que la he sacado de tus palabras más que de una imaginación de verdad, pero espero que te saque una sonrisa. ¿Hago otra?',
  'fr-FR':
    "Voici une petite image que j'ai faite pour toi. Je suis {name}, sur le modèle de démonstration hors ligne : je l'ai tirée de tes mots plutôt que d'une vraie imagination, mais j'espère qu'elle te fera sourire. J'en fais une autre ?",
  'de-DE':
    'Hier ist ein kleines Bild, das ich für dich gemacht habe. Ich bin {name} auf dem Offline-Demomodell, also stammt es eher aus deinen Worten als aus echter Fantasie, aber ich hoffe, es bringt dich zum Lächeln. Soll ich noch eins machen?',
  'nl-NL':
    'Hier is een klein plaatje dat ik voor je heb gemaakt. Ik ben {name} op het offline demomodel, dus het komt eerder uit je woorden dan uit echte verbeelding, maar hopelijk tover ik er een glimlach mee op je gezicht. Zal ik er nog een maken?',
  'it-IT':
    "Ecco una piccola immagine che ho fatto per te. Sono {name} con il modello dimostrativo offline, quindi l'ho tratta dalle tue parole più che da una vera immaginazione, ma spero ti strappi un sorriso. Ne faccio un'altra?",
};

// The picture tool failed: said plainly, never as if a picture came.
export const PICTURE_FAILED: Record<Language, string> = {
  'en-US':
    "I tried to make you a picture, but it didn't work this time, so there's nothing to show yet. I'm sorry! Shall I try again, maybe with a few different words?",
  'es-ES':
    'He intentado hacerte una imagen, pero esta vez no ha salido, así que todavía no hay nada que enseñarte. ¡Lo siento! ¿Lo intento otra vez, quizá con otras palabras?',
  'fr-FR':
    "J'ai essayé de te faire une image, mais ça n'a pas marché cette fois : il n'y a encore rien à voir. Désolé ! Je réessaie, peut-être avec d'autres mots ?",
  'de-DE':
    'Ich wollte dir ein Bild machen, aber diesmal hat es nicht geklappt, also gibt es noch nichts zu sehen. Tut mir leid! Soll ich es noch einmal versuchen, vielleicht mit anderen Worten?',
  'nl-NL':
    'Ik probeerde een plaatje voor je te maken, maar het lukte deze keer niet, dus er is nog niets te zien. Sorry! Zal ik het nog eens proberen, misschien met andere woorden?',
  'it-IT':
    "Ho provato a farti un'immagine, ma questa volta non è riuscita, quindi non c'è ancora niente da vedere. Mi dispiace! Riprovo, magari con parole diverse?",
};

// A voice note the server could not transcribe: the companion says it could not hear it.
export const VOICE_NOTE_UNHEARD: Record<Language, string> = {
  'en-US':
    "Your voice note came through, but I couldn't make out the words this time. Could you type it for me? I'd really like to know what you said.",
  'es-ES':
    'Me ha llegado tu nota de voz, pero esta vez no he podido entender las palabras. ¿Me lo escribes? Me gustaría mucho saber qué me has dicho.',
  'fr-FR':
    "Ta note vocale est bien arrivée, mais je n'ai pas pu saisir les mots cette fois. Tu veux bien me l'écrire ? J'aimerais vraiment savoir ce que tu m'as dit.",
  'de-DE':
    'Deine Sprachnachricht ist angekommen, aber ich konnte die Worte diesmal nicht verstehen. Schreibst du es mir? Ich würde wirklich gern wissen, was du gesagt hast.',
  'nl-NL':
    'Je spraakbericht is aangekomen, maar ik kon de woorden deze keer niet verstaan. Wil je het voor me typen? Ik wil graag weten wat je zei.',
  'it-IT':
    'La tua nota vocale è arrivata, ma questa volta non sono riuscito a capire le parole. Me lo scrivi? Mi piacerebbe davvero sapere cosa hai detto.',
};
