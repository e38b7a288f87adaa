window.skillgraphTimings = {start: performance.now()};
