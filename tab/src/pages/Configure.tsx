import { Text } from '@fluentui/react-components';
import { useEffect } from 'react';
import { registerMeetingTabConfig } from '../host/teams-host';
import { useTabStyles } from './tab.styles';

/** Shown when someone adds the app to a meeting: there is nothing to choose, so Save is enabled at once. */
export default function Configure() {
  const styles = useTabStyles();
  useEffect(() => {
    registerMeetingTabConfig();
  }, []);
  return (
    <main className={styles.root}>
      <h1 className={styles.h1}>Career Conversations</h1>
      <Text>
        Adds a shared agenda to this meeting’s side panel for a career-development or job-development conversation.
      </Text>
      <Text className={styles.subtle}>
        Only the employee and their manager can see the plan. Select Save to add it.
      </Text>
    </main>
  );
}
