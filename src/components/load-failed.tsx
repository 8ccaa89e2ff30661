import { Button, Text, View } from '@tarojs/components';
import { ApiError } from '@/lib/api-error';
import { EmptyState } from './empty-state';
import './load-failed.scss';

interface Props {
  /** The failure from useLoadStatus: a server refusal says its own reason, anything else the network. */
  error: Error | null;
  onRetry: () => void;
  /** For a page opened from a link: a 404 means the thing is gone, which 重试 would not change. */
  notFound?: string;
}

/**
 * A load that failed, told apart from an empty result: "暂无记录" would tell a resident with no
 * signal that they have nothing booked. One calm line and a 重试 that runs the same load again.
 */
export function LoadFailed({ error, onRetry, notFound }: Props) {
  const apiError = error instanceof ApiError ? error : null;
  if (notFound && apiError?.statusCode === 404) return <EmptyState title={notFound} />;
  return (
    <View className="load-failed" data-testid="load-failed">
      <Text className="load-failed__title">加载失败</Text>
      <Text className="load-failed__detail">
        {apiError ? apiError.message : '请检查网络后重试'}
      </Text>
      <Button
        className="btn btn-plain load-failed__retry"
        data-testid="load-retry"
        onClick={onRetry}
      >
        重试
      </Button>
    </View>
  );
}
