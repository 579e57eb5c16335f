/** Spanish cue vocabulary (see ./types.ts for the sources). */
import type { LanguageCueWords } from './types.js';

export const ES: LanguageCueWords = {
  adLabel: [['publicidad', 'trafilatura'], ['anuncio', 'UI'], ['contenido patrocinado', 'UI'], ['patrocinado', 'UI']],
  teaserPrefix: [
    ['lea también', 'UI'], ['leer más', 'UI'], ['te puede interesar', 'UI'], ['le puede interesar', 'UI'], ['también te puede interesar', 'UI'], ['ver también', 'UI'],
    ['más información', 'UI'],
  ],
  promoHeading: [['lo más leído', 'UI'], ['más leídas', 'UI'], ['te puede interesar', 'UI'], ['noticias relacionadas', 'UI'], ['artículos relacionados', 'UI'], ['últimas noticias', 'UI']],
  prompt: [['suscr[ií]bete', 'UI'], ['suscríbase', 'UI'], ['síguenos', 'UI'], ['recibe (?:nuestro|el) boletín', 'UI'], ['reg[ií]strate', 'UI']],
  copyright: [['\\btodos los derechos reservados\\b', 'UI']],
  consent: [
    ['\\butiliza(?:mos)? cookies\\b', 'OneTrust'], ['\\bpolítica de (?:privacidad|cookies)\\b', 'OneTrust'], ['\\btérminos y condiciones\\b', 'UI'], ['\\baviso legal\\b', 'UI'],
    ['\\bdatos personales\\b', 'IAB TCF'],
  ],
  creditWord: [['imagen', 'wire'], ['gráfico', 'wire'], ['ilustración', 'wire']],
  credit: [['^\\(?fuente\\s*:', 'wire']],
  uiString: [
    ['compartir', 'UI'], ['imprimir', 'UI'], ['comentarios?', 'UI'], ['buscar', 'UI'], ['cerrar', 'UI'], ['siguiente', 'UI'], ['anterior', 'UI'], ['leer más', 'UI'],
    ['iniciar sesión', 'UI'],
  ],
  tagLine: [['etiquetas', 'UI'], ['temas', 'UI']],
  datelineWords: [
    ...['enero', 'febrero', 'marzo', 'abril', 'mayo', 'junio', 'julio', 'agosto', 'septiembre', 'setiembre', 'octubre', 'noviembre', 'diciembre', 'ene', 'abr', 'ago', 'dic',
      'lunes', 'martes', 'miércoles', 'jueves', 'viernes', 'sábado', 'domingo'].map((w) => [w, 'calendar'] as const),
    ...['el', 'de', 'del', 'a las', 'h', 'publicado', 'actualizado', 'fecha', 'horas'].map((w) => [w, 'UI'] as const),
  ],
};
