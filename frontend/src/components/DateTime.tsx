import { formatDateAndTime, formatDateTime } from '../lib/format';

const NO_WRAP = { whiteSpace: 'nowrap' } as const;

/** A timestamp that wraps, if it must, only between its date and its time. */
export function DateTime({ value }: { value: string }) {
  const [date, time] = formatDateAndTime(value);
  return (
    <time dateTime={value} title={formatDateTime(value)}>
      <span style={NO_WRAP}>{date}</span> <span style={NO_WRAP}>{time}</span>
    </time>
  );
}
