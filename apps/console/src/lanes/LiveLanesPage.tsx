export default function LiveLanesPage() {
  return null;
}
