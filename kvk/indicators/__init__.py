"""Quality indicators: periods of measurement, arithmetic, checks, the scorecard and its charts."""
