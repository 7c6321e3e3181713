import { makeStyles, tokens } from '@fluentui/react-components';

/**
 * Fluent's badge is one 20-px line that never wraps, so a long name or label runs out of a 280-px
 * panel or a narrow table cell. This one grows downwards instead and never gets wider than its box.
 */
export const useFitBadgeStyles = makeStyles({
  fit: {
    height: 'auto',
    minHeight: '20px',
    maxWidth: '100%',
    whiteSpace: 'normal',
    overflowWrap: 'anywhere',
    textAlign: 'start',
    paddingTop: '1px',
    paddingBottom: '1px',
    lineHeight: tokens.lineHeightBase200,
  },
});
