// The committee's part of the console home: station requests staff did not review within the
// working days set (GET /stations/overdue-reviews), with where and since when each one waits.
import { useEffect, useState } from 'react';
import type { OverdueReviewList } from '@/contract/station';
import { formatInstant } from '@/contract/beijing-time';
import { LoadFailed } from '@/components/load-failed';
import { fetchOverdueReviews } from '../api';

const day = (d: string) => `${Number(d.slice(5, 7))}月${Number(d.slice(8))}日`;

export function OverdueReviews() {
  const [list, setList] = useState<OverdueReviewList | null>(null);
  const [error, setError] = useState<Error | null>(null);
  const load = () => {
    setError(null);
    fetchOverdueReviews().then(setList, (err: Error) => setError(err));
  };
  useEffect(load, []);
  if (error)
    return (
      <div className="console-overdue" data-testid="overdue-failed">
        <LoadFailed error={error} onRetry={load} />
      </div>
    );
  if (!list) return null;
  return (
    <div className="console-overdue" data-testid="overdue-reviews">
      <div className="console-overdue__head">
        <span className="console-home__count" data-testid="overdue-count">
          {list.items.length}
        </span>
        <span className="console-home__label">
          超时未审核的驿站预订（提交后 {list.workingDays} 个工作日内未审核）
        </span>
      </div>
      {list.items.length === 0 ? (
        <div className="console-table__hint">各驿站都按时审核了。</div>
      ) : (
        <table className="console-overdue__table">
          <thead>
            <tr>
              <th>驿站</th>
              <th>住客</th>
              <th>入住</th>
              <th>提交于</th>
              <th>应审核截止</th>
            </tr>
          </thead>
          <tbody>
            {list.items.map((b) => (
              <tr key={b.id} data-testid="overdue-item">
                <td>{b.stationName}</td>
                <td>
                  {b.residentName ?? '—'} {b.phoneMasked ?? ''}
                </td>
                <td>
                  {day(b.checkIn)}起{b.nights}晚
                </td>
                <td>{formatInstant(b.submittedAt, 'M月D日 HH:mm')}</td>
                <td>{day(b.dueDay)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </div>
  );
}
