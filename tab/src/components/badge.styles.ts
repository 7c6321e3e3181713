import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Fluent's badge is one 20-px line that never wraps, so a long name or label runs out of a 280-px
 * panel or a narrow table cell. This one grows downwards instead and never gets wider than its box; it
 * breaks between words, and inside a word only when that word alone is wider than the box, so a short
 * label ("In progress") never shrinks to a letter a line.
 */
export const useFitBadgeStyles = makeStyles({
  fit: {
    height: 'auto',
    minHeight: '20px',
    maxWidth: '100%',
    whiteSpace: 'normal',
    overflowWrap: 'break-word',
    flexShrink: 0,
    textAlign: 'start',
    paddingTop: '1px',
    paddingBottom: '1px',
    lineHeight: tokens.lineHeightBase200,
  },
});
