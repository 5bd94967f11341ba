import { Box, Code, Group, Loader, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from 'urql';
import { graphql } from '../gql';
import { ErrorAlert } from './ErrorAlert';

const PreviewTemplateQuery = graphql(`
  query PreviewTemplate($workspaceId: ID!, $eventType: String!, $template: String!, $html: Boolean) {
    previewTemplate(workspaceId: $workspaceId, eventType: $eventType, template: $template, html: $html) {
      rendered
      error
      line
      length
      segments
    }
  }
`);

export const PREVIEW_DEBOUNCE_MS = 400;

interface Props {
  workspaceId: string;
  eventType: string;
  template: string;
  /** What the preview is of, e.g. "HTML body", for the frame's title. */
  label: string;
  html: boolean;
  sms: boolean;
}

/** A template rendered by the server with the trigger's latest event (or a sample), as the user types. */
export function TemplatePreview({ workspaceId, eventType, template, label, html, sms }: Props) {
  const [debounced] = useDebouncedValue(template, PREVIEW_DEBOUNCE_MS);
  const [{ data, fetching, error }] = useQuery({
    query: PreviewTemplateQuery,
    variables: { workspaceId, eventType, template: debounced, html },
    pause: !eventType || debounced.trim() === '',
  });

  let body;
  if (!eventType) {
    body = <Text size="sm" c="dimmed">Choose the trigger event first: the preview uses one of its events.</Text>;
  } else if (template.trim() === '') {
    body = <Text size="sm" c="dimmed">Nothing to preview yet.</Text>;
  } else if (!data) {
    body = error ? <ErrorAlert error={error} title="No preview" /> : <Loader size="sm" aria-label="Rendering preview" />;
  } else {
    const p = data.previewTemplate;
    body = p.error ? (
      <Text size="sm" c="red.7" role="alert">
        {p.line ? `Line ${p.line}: ` : ''}
        {p.error}
      </Text>
    ) : html ? (
      <Box
        component="iframe"
        sandbox=""
        srcDoc={p.rendered ?? ''}
        title={`Preview of ${label}`}
        w="100%"
        h={260}
        bg="white"
        style={{ border: '1px solid var(--mantine-color-default-border)', borderRadius: 'var(--mantine-radius-sm)' }}
      />
    ) : (
      <Code block style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }} aria-label={`Preview of ${label}`}>
        {p.rendered}
      </Code>
    );
    if (sms && !p.error) {
      body = (
        <>
          {body}
          <Text size="xs" c="dimmed" mt={4}>
            {p.length} characters · {p.segments} {p.segments === 1 ? 'segment' : 'segments'} of 160
          </Text>
        </>
      );
    }
  }

  return (
    <Box aria-live="polite" aria-busy={fetching || undefined}>
      <Group gap={6} mb={4}>
        <Text size="xs" c="dimmed">
          Preview with the latest <Code fz="xs">{eventType || 'event'}</Code> of this workspace, or a sample
        </Text>
        {fetching && data && <Loader size={12} aria-hidden />}
      </Group>
      {body}
    </Box>
  );
}
