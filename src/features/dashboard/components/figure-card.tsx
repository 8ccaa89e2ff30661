import { useEffect, useState } from 'react';
import { Button, Text, View } from '@tarojs/components';
import {
  DASHBOARD_TITLES,
  type DashboardFigure,
  type DashboardFigureName,
} from '@/contract/dashboard';
import { downloadFigure, fetchFigure, type FigureQuery, type Scope } from '../api';
import { FigureChart } from './figure-chart';
import './figure-card.scss';

interface Props {
  name: DashboardFigureName;
  scope: Scope;
  query: FigureQuery;
  /** What the figure counts, in one line. */
  hint: string;
}

/** One figure: its chart, the latest values in words, and its CSV. */
export function FigureCard({ name, scope, query, hint }: Props) {
  const [figure, setFigure] = useState<DashboardFigure | null>(null);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let live = true;
    setFigure(null);
    setFailed(false);
    fetchFigure(scope, name, query).then(
      (f) => live && setFigure(f),
      () => live && setFailed(true),
    );
    return () => {
      live = false;
    };
  }, [name, scope, query]);

  const empty = figure && figure.rows.every((r) => r.values.every((v) => v === 0));
  return (
    <View className="dash-card" data-testid={`figure-${name}`}>
      <View className="dash-card__head">
        <View className="dash-card__titles">
          <Text className="dash-card__title">{DASHBOARD_TITLES[name]}</Text>
          <Text className="dash-card__hint">{hint}</Text>
        </View>
        <Button
          className={`dash-card__csv${figure ? '' : ' dash-card__csv--off'}`}
          size="mini"
          disabled={!figure}
          data-testid={`csv-${name}`}
          onClick={() =>
            figure &&
            void downloadFigure(
              scope,
              name,
              query,
              `${figure.title}-${figure.scope.name}-${figure.from}至${figure.to}.csv`,
            )
          }
        >
          下载 CSV
        </Button>
      </View>
      {failed ? <Text className="dash-card__state">加载失败，请稍后刷新</Text> : null}
      {!figure && !failed ? <Text className="dash-card__state">加载中…</Text> : null}
      {figure && empty ? <Text className="dash-card__state">这段时间还没有数据</Text> : null}
      {figure && !empty ? <FigureChart figure={figure} /> : null}
    </View>
  );
}
